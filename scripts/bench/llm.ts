/**
 * Cost of the LLM layer itself (no model): PII masking per message size, a turn while the breaker
 * is open (what an outage costs a customer), and a full structured understanding call through the
 * real SDK against a local OpenAI-compatible stub that answers at once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.js';
import { LlmClient } from '../../src/llm/llm-client.js';
import { PiiMasker } from '../../src/llm/pii-masker.js';
import { PromptLoader } from '../../src/llm/prompt-loader.js';
import { FallbackUnderstanding } from '../../src/understanding/fallback.understanding.js';
import {
  loadUnderstandingPrompts,
  OpenAIUnderstanding,
} from '../../src/understanding/openai/openai.understanding.js';
import type { AnalysisContext } from '../../src/understanding/understanding.port.js';
import { microsecondPercentiles, timeSamples } from '../support/timing.js';
import { SLOT_NAMES } from '../../src/domain/taxonomy.js';
import { neutralAnalysis } from '../../src/domain/analysis.js';

const SAMPLE =
  '我的手机13812345678昨天下午在营业厅被多扣了50元,客服工号1024态度很差,邮箱wang@example.com,我要退款!';

function message(chars: number): string {
  return SAMPLE.repeat(Math.ceil(chars / SAMPLE.length)).slice(0, chars);
}

const NEUTRAL = neutralAnalysis('zh');
const offline = { analyze: () => Promise.resolve(NEUTRAL) };
const context: AnalysisContext = {
  history: [],
  knownSlots: {},
  now: new Date(),
  timeZone: 'Asia/Shanghai',
};

const ANSWER = JSON.stringify({
  ...NEUTRAL,
  emotion: 'angry',
  intensity: 0.7,
  intent: 'complaint',
  category: 'billing',
  nature: 'effective',
  slots: Object.fromEntries(
    SLOT_NAMES.map((k) => [
      k,
      k === 'contact_phone' ? { value: '[PHONE_1]', raw: '[PHONE_1]', confidence: 0.9 } : null,
    ]),
  ),
});

export async function run(): Promise<void> {
  for (const chars of [20, 200, 2000]) {
    const text = message(chars);
    await timeSamples(200, () => new PiiMasker().mask(text));
    console.log(
      `mask ${chars} chars: ${microsecondPercentiles(await timeSamples(5000, () => new PiiMasker().mask(text)))}`,
    );
  }

  const prompts = await loadUnderstandingPrompts(new PromptLoader());
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'stub',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              logprobs: null,
              message: { role: 'assistant', content: ANSWER, refusal: null },
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const build = (breaker: CircuitBreaker): FallbackUnderstanding =>
    new FallbackUnderstanding(
      new OpenAIUnderstanding(
        new LlmClient({
          openai: new OpenAI({
            apiKey: 'bench',
            baseURL: `http://127.0.0.1:${port}/v1`,
            maxRetries: 0,
          }),
          model: 'stub',
          timeoutMs: 8000,
          maskPii: true,
          breaker,
        }),
        prompts,
      ),
      offline,
    );
  try {
    const open = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 3_600_000 });
    open.recordFailure();
    const outage = build(open);
    const text = message(200);
    await timeSamples(200, () => outage.analyze(text, context));
    console.log(
      `turn with breaker open (200 chars): ${microsecondPercentiles(await timeSamples(5000, () => outage.analyze(text, context)))}`,
    );
    const healthy = build(new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000 }));
    await timeSamples(50, () => healthy.analyze(text, context));
    console.log(
      `structured call via SDK to a local stub (200 chars): ${microsecondPercentiles(await timeSamples(500, () => healthy.analyze(text, context)))}`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
