/**
 * Natural batching (group commit) for a hot write: while `maxInFlight` batches are on their way
 * to the database, new items wait and leave together as the next batch. Under light load every
 * item goes alone at once (no timer, no added latency); under heavy load one round trip and one
 * commit carry many items. `run` answers one result per item, in order; an item's own failure is
 * its result (an Error), so one bad item never fails its neighbours.
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<(R | Error)[]>,
    private readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.run(batch.map((b) => b.item)).then(
        (results) => batch.forEach((b, i) => (results[i] instanceof Error ? b.reject(results[i]) : b.resolve(results[i] as R))),
        (err: unknown) => batch.forEach((b) => b.reject(err)),
      ).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }
}
