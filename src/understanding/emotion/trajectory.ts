import type { Emotion } from '../../domain/taxonomy.js';

export interface EmotionPoint {
  emotion: Emotion;
  intensity: number;
}

export type EmotionTrend = 'rising' | 'falling' | 'steady';

/** The conversation-level reading the dialogs and handoff rules use. */
export interface EmotionTrajectory {
  /** The smoothed current emotion and intensity. */
  current: EmotionPoint;
  /** Direction of negative arousal over the last turns. */
  trend: EmotionTrend;
  /** Anger went up over the last turns, or two angry turns in a row ended at or above 0.6. */
  risingAnger: boolean;
  /** Highest anger intensity seen in the conversation. */
  peakAnger: number;
}

const DECAY = 0.5;
const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);

/** Signed arousal: negative emotions count up, positive counts down, neutral is zero. */
function negativity(p: EmotionPoint): number {
  if (NEGATIVE.has(p.emotion)) return p.intensity;
  return p.emotion === 'positive' ? -p.intensity : 0;
}

/**
 * Smooths a conversation's per-turn emotions (oldest first, the current turn last) with an
 * exponential decay, so one calm "好的" after three furious turns does not read as calm.
 */
export function trajectory(history: ReadonlyArray<EmotionPoint>): EmotionTrajectory {
  const last = history.at(-1);
  if (last === undefined) {
    return {
      current: { emotion: 'neutral', intensity: 0 },
      trend: 'steady',
      risingAnger: false,
      peakAnger: 0,
    };
  }
  const weights = new Map<Emotion, number>();
  let total = 0;
  history.forEach((p, i) => {
    const w = DECAY ** (history.length - 1 - i);
    total += w;
    weights.set(p.emotion, (weights.get(p.emotion) ?? 0) + w * Math.max(p.intensity, 0.1));
  });
  let emotion: Emotion = last.emotion;
  let best = -1;
  for (const [e, w] of weights) {
    // The latest turn wins ties and any near-tie: people change mood.
    const score = e === last.emotion ? w * 1.25 : w;
    if (score > best) {
      best = score;
      emotion = e;
    }
  }
  const intensity = Math.min(1, Math.round(((weights.get(emotion) ?? 0) / total) * 100) / 100);
  const angers = history.map((p) => (p.emotion === 'angry' ? p.intensity : 0));
  const recent = history.slice(-3).map(negativity);
  const delta = (recent.at(-1) ?? 0) - (recent[0] ?? 0);
  const trend: EmotionTrend = delta > 0.15 ? 'rising' : delta < -0.15 ? 'falling' : 'steady';
  const lastTwo = angers.slice(-2);
  const risingAnger =
    (last.emotion === 'angry' && trend === 'rising') ||
    (lastTwo.length === 2 &&
      lastTwo.every((a) => a > 0) &&
      (lastTwo[1] ?? 0) >= 0.6 &&
      (lastTwo[1] ?? 0) >= (lastTwo[0] ?? 0));
  return {
    current: { emotion, intensity: emotion === 'neutral' ? 0 : intensity },
    trend,
    risingAnger,
    peakAnger: Math.max(...angers),
  };
}
