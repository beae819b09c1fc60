/**
 * A min-heap of (time, item): when does the next fresh leg turn stale. Entries are never updated
 * in place; a caller pushes the item's new time and `due` skips entries whose item has moved on
 * (`current(item) !== time`), so each recompute costs one push (O(log n)), and a call with nothing
 * due costs one comparison instead of a scan of every asset.
 */
export class DeadlineQueue<T> {
  private readonly times: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.times.length;
  }

  push(time: number, item: T): void {
    let i = this.times.length;
    this.times.push(time);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent] <= time) break;
      this.move(parent, i);
      i = parent;
    }
    this.times[i] = time;
    this.items[i] = item;
  }

  /** Calls `onDue` for each item whose current time (per `current`) is before `now`, removing its entries. */
  due(now: number, current: (item: T) => number, onDue: (item: T) => void): void {
    while (this.times.length > 0 && this.times[0] < now) {
      const time = this.times[0];
      const item = this.items[0];
      this.pop();
      if (current(item) === time) onDue(item);
    }
  }

  clear(): void {
    this.times.length = 0;
    this.items.length = 0;
  }

  private pop(): void {
    const lastTime = this.times.pop()!;
    const lastItem = this.items.pop()!;
    const n = this.times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.times[right] < this.times[left] ? right : left;
      if (this.times[child] >= lastTime) break;
      this.move(child, i);
      i = child;
    }
    this.times[i] = lastTime;
    this.items[i] = lastItem;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.items[to] = this.items[from];
  }
}
