// Named deadlines for one coordinator shard: session timeouts, rebalance (join) timeouts, sync
// timeouts, the initial rebalance delay and offset expiry all live here, so the runtime drives them
// all with one real timer through nextDeadlineMs() / expire(nowMs). Scheduling a key again replaces
// its deadline, as Kafka's CoordinatorTimer does.

export type TimerAction = (nowMs: number) => void;

interface Entry {
  key: string;
  deadlineMs: number;
  /** Breaks ties between equal deadlines: earlier scheduled fires first, so runs are reproducible. */
  seq: number;
  action: TimerAction;
}

/** A binary min-heap with lazy deletion: a replaced or cancelled entry stays until it reaches the top. */
export class DeadlineTimers {
  private readonly live = new Map<string, Entry>();
  private readonly heap: Entry[] = [];
  private seq = 0;

  schedule(key: string, deadlineMs: number, action: TimerAction): void {
    const entry: Entry = { key, deadlineMs, seq: this.seq++, action };
    this.live.set(key, entry);
    this.push(entry);
  }

  cancel(key: string): void {
    this.live.delete(key);
  }

  has(key: string): boolean {
    return this.live.has(key);
  }

  nextDeadlineMs(): number | null {
    this.dropStale();
    return this.heap.length > 0 ? this.heap[0]!.deadlineMs : null;
  }

  /** Runs every action due at nowMs, including ones that due actions schedule for nowMs or earlier. */
  expire(nowMs: number): void {
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.deadlineMs > nowMs) return;
      this.pop();
      this.live.delete(top.key);
      top.action(nowMs);
    }
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.key) !== this.heap[0]) this.pop();
  }

  private before(a: Entry, b: Entry): boolean {
    return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
