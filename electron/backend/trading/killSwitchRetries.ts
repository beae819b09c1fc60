/**
 * The kill switch with its background retries: after the deadline, every venue not flat
 * (unreachable ones included) is tried again — reach its account, cancel, close — with
 * back-off, until all are flat or trading is re-armed. Each attempt's report goes to
 * `onReport` (the desk streams it), so the screen follows what the kill switch keeps doing.
 */
import type { KillSwitchReport } from '../../../shared/ipc/contract.ts';
import { attachHolds, attemptFlat, engageKillSwitch, type KillSwitchOptions } from './killSwitch.ts';

export interface KillSwitchServiceOptions extends KillSwitchOptions {
  /** First pause between background attempts (default 10 s), doubled after each to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Each report: at the press and after every background attempt. */
  onReport: (report: KillSwitchReport) => void | Promise<void>;
  onError?: (error: unknown) => void;
}

export interface KillSwitchService {
  engage(reason: string): Promise<KillSwitchReport>;
  /** The last report, as the background retries left it; null before the first press. */
  current(): KillSwitchReport | null;
  /** Ends the background retries (re-armed, or shutting down); resolves when the attempt in flight is done. */
  stop(endedBy: 're-armed' | 'stopped'): Promise<void>;
}

export const DEFAULT_RETRY_MS = 10_000;
const DEFAULT_MAX_RETRY_MS = 60_000;

/** A pause `stop` can cut short. */
function pause(ms: number): { done: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => { clearTimeout(timer); resolve(); };
  });
  return { done, cancel };
}

interface RetryLoop {
  stopped: boolean;
  endedBy: 're-armed' | 'stopped';
  /** Cuts the current pause short. */
  wake(): void;
  running: Promise<void>;
}

export function createKillSwitch(options: KillSwitchServiceOptions): KillSwitchService {
  const wallNow = options.wallNow ?? Date.now;
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  let report: KillSwitchReport | null = null;
  let loop: RetryLoop | null = null;

  const publish = async (next: KillSwitchReport) => {
    report = next;
    try {
      await options.onReport(structuredClone(next));
    } catch (error) {
      options.onError?.(error);
    }
  };

  async function retryOnce(current: KillSwitchReport): Promise<void> {
    const targets = new Map((await options.targets()).map((target) => [target.venue, target]));
    await Promise.all(current.venues.filter((row) => !row.flat).map(async (row) => {
      const target = targets.get(row.venue);
      if (target === undefined) row.error = `${row.venue} is no longer among the venues the terminal knows; check it by hand`;
      else await attemptFlat(target, row);
    }));
    await attachHolds(current.venues, options.journalHolds);
  }

  async function runLoop(state: RetryLoop, current: KillSwitchReport): Promise<void> {
    let delay = retryMs;
    while (!state.stopped) {
      const wait = pause(delay);
      state.wake = wait.cancel;
      await wait.done;
      if (!state.stopped && options.state.current.state !== 'HALTED') Object.assign(state, { stopped: true, endedBy: 're-armed' });
      if (state.stopped) break;
      try {
        await retryOnce(current);
      } catch (error) {
        options.onError?.(error);
      }
      current.retry.attempts += 1;
      const flat = current.venues.every((row) => row.flat);
      delay = Math.min(delay * 2, maxRetryMs);
      current.retry = flat
        ? { active: false, attempts: current.retry.attempts, nextAt: null, endedBy: 'flat' }
        : { ...current.retry, nextAt: wallNow() + delay };
      await publish(current);
      if (flat) return;
    }
    current.retry = { active: false, attempts: current.retry.attempts, nextAt: null, endedBy: state.endedBy };
    await publish(current);
  }

  async function stop(endedBy: 're-armed' | 'stopped'): Promise<void> {
    const running = loop;
    loop = null;
    if (running === null) return;
    if (!running.stopped) Object.assign(running, { stopped: true, endedBy });
    running.wake();
    await running.running;
  }

  return {
    async engage(reason) {
      await stop('stopped');
      const next = await engageKillSwitch(options, reason);
      if (next.venues.some((row) => !row.flat)) {
        next.retry = { active: true, attempts: 0, nextAt: wallNow() + retryMs, endedBy: null };
        const state: RetryLoop = { stopped: false, endedBy: 'stopped', wake: () => {}, running: Promise.resolve() };
        loop = state;
        await publish(next);
        state.running = runLoop(state, next);
      } else {
        await publish(next);
      }
      return structuredClone(next);
    },
    current: () => (report === null ? null : structuredClone(report)),
    stop,
  };
}
