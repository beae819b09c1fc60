/**
 * A read that is asked for again and again (each push of the pairs from main) but must not pile
 * up or starve: one read at a time, and at most one more once it answers, whatever the number of
 * asks in between. Every answer is delivered: dropping the read in flight for a newer one never
 * delivers any while the asks come faster than the answers.
 */
export interface CoalescedRead {
  /** Reads now, or once the read in flight has answered. */
  request(): void;
  /** Nothing is delivered after this. */
  stop(): void;
}

export function coalescedRead<T>(read: () => Promise<T>, deliver: (value: T) => void, fail: (error: unknown) => void): CoalescedRead {
  let busy = false;
  let again = false;
  let stopped = false;
  const run = () => {
    busy = true;
    again = false;
    read().then(
      (value) => { if (!stopped) deliver(value); },
      (error: unknown) => { if (!stopped) fail(error); },
    ).finally(() => {
      busy = false;
      if (again && !stopped) run();
    });
  };
  return {
    request() {
      if (stopped) return;
      if (busy) again = true;
      else run();
    },
    stop() { stopped = true; },
  };
}
