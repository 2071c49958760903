import { IntakeHarness } from './test/support/intake-harness.ts';
import { offlineUnderstanding } from './test/support/intake-harness.ts';
import { loadKnowledgeDir } from './src/knowledge/jsonl.knowledge-loader.ts';
import { createKnowledgeBase } from './src/knowledge/memory.knowledge-base.ts';
const { entries, synonyms } = await loadKnowledgeDir('config/knowledge');
const faq = createKnowledgeBase(entries, { synonyms });
const lines = process.argv.slice(2);
const real = await offlineUnderstanding();
const understanding = { analyze: async (t: string, c: any) => { const a = await real.analyze(t, c); console.log('   [', JSON.stringify({ i: a.intent, act: a.act, e: a.emotion, n: a.intensity, c: a.category, fam: a.empathy, urg: a.urgency, s: Object.fromEntries(Object.entries(a.slots).map(([k, v]) => [k, v?.value])), stage: c.stage, pending: c.pending }), ']'); return a; } };
const chat = await IntakeHarness.create({ faq, understanding });
for (const l of lines) {
  console.log('>>', l);
  for (const r of await chat.send(l)) console.log('  <<', r.text, JSON.stringify(r.meta));
}
