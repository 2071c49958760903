import { createTextAnalyzer } from '../knowledge/text-analyzer.js';
import type { FaqGap } from './analytics-report.js';

export interface AskedQuestion {
  text: string;
  count: number;
}

/** Two questions share a group when this share of their words is common (Jaccard). */
const SAME_QUESTION = 0.5;

const analyzer = createTextAnalyzer();

/** NFKC, lower case, no spaces or punctuation: "退款 多久？" and "退款多久?" are one wording. */
export function normaliseQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, '');
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const word of a) if (b.has(word)) common++;
  return common / (a.size + b.size - common);
}

interface Group {
  words: Set<string>;
  key: string;
  wordings: Map<string, number>;
  count: number;
}

/**
 * Groups unanswered FAQ questions so the knowledge base grows where customers ask most: same
 * normalised wording, or words (jieba, stop words dropped) mostly shared with the group's first,
 * most asked question. Greedy in descending count, so the groups are stable for a given input.
 */
export function groupFaqGaps(questions: readonly AskedQuestion[], limit = 20): FaqGap[] {
  const groups: Group[] = [];
  const sorted = [...questions].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  for (const question of sorted) {
    const key = normaliseQuestion(question.text);
    if (key === '') continue;
    const words = new Set(analyzer.analyze(question.text).words);
    const group = groups.find(
      (candidate) => candidate.key === key || jaccard(candidate.words, words) >= SAME_QUESTION,
    );
    if (group === undefined) {
      groups.push({
        words,
        key,
        wordings: new Map([[question.text, question.count]]),
        count: question.count,
      });
      continue;
    }
    group.count += question.count;
    group.wordings.set(question.text, (group.wordings.get(question.text) ?? 0) + question.count);
  }
  return groups
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map((group) => {
      const [example = '', ...variants] = [...group.wordings.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([text]) => text);
      return { example, count: group.count, variants: variants.slice(0, 5) };
    });
}
