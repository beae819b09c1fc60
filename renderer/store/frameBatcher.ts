/**
 * Collects stream payloads and hands them over at most once per animation frame, so that
 * the store is written once per frame however many messages arrived in between.
 */
export interface FrameBatcher<T> {
  push(item: T): void;
  /** Delivers whatever is pending now (used before replacing state from a snapshot). */
  flushNow(): void;
}

export type FrameScheduler = (callback: () => void) => void;

export function createFrameBatcher<T>(deliver: (items: T[]) => void, schedule: FrameScheduler): FrameBatcher<T> {
  let pending: T[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  };
  return {
    push(item) {
      pending.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flushNow: flush,
  };
}
