/**
 * Background upkeep that runs `firstAfterMs` after start and then every `everyMs`: passes never
 * overlap, a failed pass is reported and the next one runs as planned, and the timers never
 * keep the process alive.
 */
export interface PeriodicJob<T> {
  /** The pass in progress (or the last one): tests and shutdown wait on it; null after a failure. */
  running(): Promise<T | null>;
  stop(): Promise<void>;
}

export interface PeriodicSchedule {
  firstAfterMs: number;
  everyMs: number;
}

export function startPeriodicJob<T>(pass: (aborted: () => boolean) => Promise<T>, onError: (error: unknown) => void, schedule: PeriodicSchedule): PeriodicJob<T> {
  let current: Promise<T | null> = Promise.resolve(null);
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    current = current.then(() => (stopped ? null : pass(() => stopped))).catch((error: unknown) => {
      onError(error);
      return null;
    });
  };
  const first = setTimeout(run, schedule.firstAfterMs);
  const every = setInterval(run, schedule.everyMs);
  first.unref();
  every.unref();
  return {
    running: () => current,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await current;
    },
  };
}
