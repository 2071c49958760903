/** What a sink has written since it started, logged at close (the web-chat bench reads it). */
export class ArchiveStats {
  records = 0;
  batches = 0;
  /** Wall time inside the writer (queueing for the database included). */
  writeMs = 0;

  /** Runs one batch's write, counting it only once it committed. */
  async count(records: number, write: () => Promise<void>): Promise<void> {
    const started = performance.now();
    await write();
    this.records += records;
    this.batches += 1;
    this.writeMs += performance.now() - started;
  }
}
