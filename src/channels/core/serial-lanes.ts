/**
 * Runs work one after another per key (a conversation) and concurrently across keys; a failure
 * rejects its own caller only, never the work queued behind it.
 */
export class SerialLanes {
  private readonly lanes = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(key, settled);
    void settled.then(() => {
      if (this.lanes.get(key) === settled) this.lanes.delete(key);
    });
    return result;
  }

  /** Resolves once everything queued so far under the key has settled. */
  settled(key: string): Promise<void> {
    return this.lanes.get(key) ?? Promise.resolve();
  }

  /** Resolves once everything queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.all(this.lanes.values());
  }
}
