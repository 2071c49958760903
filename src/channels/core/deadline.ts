import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits for `work` at most `ms`, then lets it finish in the background: platforms that retry an
 * unanswered webhook (WeChat after 5 s) get their answer in time, and the turn still completes.
 * Whether it finished in time is returned; a failure of the work goes to `onError`.
 */
export async function settleWithin(
  work: Promise<unknown>,
  ms: number,
  onError: (error: unknown) => void,
): Promise<boolean> {
  const controller = new AbortController();
  const done = work.then(
    () => true,
    (error: unknown) => {
      onError(error);
      return true;
    },
  );
  const timeout = sleep(ms, false, { signal: controller.signal }).catch(() => false);
  try {
    return await Promise.race([done, timeout]);
  } finally {
    controller.abort();
  }
}
