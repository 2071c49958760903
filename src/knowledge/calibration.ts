/**
 * Platt-style calibration: P(top hit is right) = σ(a·top + b·margin + c), where `top` is the best
 * entry's fused score and `margin` its lead over the runner-up. Fitted offline by `npm run eval`.
 */
export interface Calibration {
  a: number;
  b: number;
  c: number;
}

export interface CalibrationSample {
  top: number;
  margin: number;
  correct: boolean;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function confidenceOf(c: Calibration, top: number, margin: number): number {
  return sigmoid(c.a * top + c.b * margin + c.c);
}

/** Logistic regression by full-batch gradient descent (three weights, a few thousand samples). */
export function fitCalibration(samples: readonly CalibrationSample[], steps = 4000): Calibration {
  let a = 0;
  let b = 0;
  let c = 0;
  const rate = 2;
  for (let step = 0; step < steps; step++) {
    let ga = 0;
    let gb = 0;
    let gc = 0;
    for (const s of samples) {
      const error = confidenceOf({ a, b, c }, s.top, s.margin) - (s.correct ? 1 : 0);
      ga += error * s.top;
      gb += error * s.margin;
      gc += error;
    }
    const n = Math.max(1, samples.length);
    a -= (rate * ga) / n;
    b -= (rate * gb) / n;
    c -= (rate * gc) / n;
  }
  return { a, b, c };
}
