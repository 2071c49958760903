/**
 * Cost of the guards every generated text passes before use (no model): the reply writer's checks
 * on a reply-sized text, the grounded FAQ check on an answer against its passages, and what a reply
 * costs while the breaker is open (an outage: scripted text at once).
 */
import OpenAI from 'openai';
import { LlmReplyWriter, loadStylePrompts } from '../../src/dialogs/llm.reply-writer.js';
import { fillTemplate, type ReplyWriter } from '../../src/dialogs/reply-writer.js';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.js';
import { fitsLanguage, uncoveredViolations, unsupportedFacts } from '../../src/llm/grounding.js';
import { LlmClient } from '../../src/llm/llm-client.js';
import { PromptLoader } from '../../src/llm/prompt-loader.js';
import { microsecondPercentiles, timeSamples } from '../support/timing.js';

const SCRIPTED =
  '已为您登记,工单号是 Q20261125-0007。我们会在 24 小时内与您联系,48 小时内给您答复,7 天内处理完毕。';
const REPLY =
  '给您添麻烦了,非常理解您的心情。工单号 Q20261125-0007 已登记,我们会在24小时内联系您,48小时内答复,7天内处理完毕。';
const PASSAGE =
  '退款审核通过后,款项会在3-5个工作日内原路退回。如有疑问请拨打客服热线 400-820-8820,或访问 https://example.com/refund 查看进度。'.repeat(
    3,
  );
const ANSWER = '退款审核通过后3-5个工作日内原路退回,进度可在 https://example.com/refund 查看。';

async function report(label: string, fn: () => unknown): Promise<void> {
  await timeSamples(500, fn);
  console.log(`${label}: ${microsecondPercentiles(await timeSamples(5000, fn))}`);
}

export async function run(): Promise<void> {
  await report('reply guard (facts both ways, policy, language)', () => [
    unsupportedFacts(REPLY, [SCRIPTED]),
    unsupportedFacts(SCRIPTED, [REPLY]),
    uncoveredViolations(REPLY, { deadlineHours: [24, 48, 168] }, [SCRIPTED]),
    fitsLanguage(REPLY, 'zh', [SCRIPTED]),
  ]);
  await report(`FAQ guard (answer vs ${PASSAGE.length}-char passage)`, () => [
    unsupportedFacts(ANSWER, [PASSAGE]),
    uncoveredViolations(ANSWER, {}, [PASSAGE]),
    fitsLanguage(ANSWER, 'zh', [PASSAGE]),
  ]);

  const open = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 3_600_000 });
  open.recordFailure();
  const llm = new LlmClient({
    openai: new OpenAI({ apiKey: 'bench', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 }),
    model: 'stub',
    timeoutMs: 8000,
    maskPii: true,
    breaker: open,
  });
  const scripted: ReplyWriter = {
    write: ({ vars }) => Promise.resolve(fillTemplate(SCRIPTED, vars)),
    choices: () => {
      throw new Error('not used');
    },
  };
  const writer = new LlmReplyWriter(llm, scripted, await loadStylePrompts(new PromptLoader()));
  await report('reply with the breaker open (scripted at once)', () =>
    writer.write({ key: 'ticket_filed', lang: 'zh', seed: 1, customerText: '气死我了' }),
  );
}
