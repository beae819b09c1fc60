import type { VenueId } from '../../../shared/domain/venues.ts';
import type { TradingState } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import type { TradingStateMachine } from './tradingState.ts';

/**
 * What a broker must offer the kill switch for one venue: cancel everything open, close
 * everything held (reduce-only, market), and say whether it is flat now. Each call may throw
 * (rate limit, outage); the kill switch retries until its deadline.
 */
export interface Flattener {
  venue: VenueId;
  cancelAllOrders(): Promise<number>;
  closeAllPositions(): Promise<number>;
  isFlat(): Promise<boolean>;
}

export interface VenueFlatReport {
  venue: VenueId;
  flat: boolean;
  cancelledOrders: number;
  closedPositions: number;
  error: string | null;
}

export interface KillSwitchReport {
  engagedAt: number;
  finishedAt: number;
  venues: VenueFlatReport[];
  state: TradingState;
}

export interface KillSwitchOptions {
  state: TradingStateMachine;
  flatteners: () => Flattener[];
  now: () => number;
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Halts trading first (so nothing new is admitted while flattening), then flattens every
 * venue in parallel. A venue that keeps failing is reported as not flat with its last error;
 * the trader gets an honest per-venue account, never a blanket "done".
 */
export async function engageKillSwitch(options: KillSwitchOptions, reason: string): Promise<KillSwitchReport> {
  const engagedAt = options.now();
  const state = options.state.transition('HALTED', reason, engagedAt);
  const deadline = engagedAt + (options.deadlineMs ?? 30_000);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const venues = await Promise.all(options.flatteners().map((f) => flattenVenue(f, deadline, options.now, sleep)));
  return { engagedAt, finishedAt: options.now(), venues, state };
}

async function flattenVenue(
  flattener: Flattener,
  deadline: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): Promise<VenueFlatReport> {
  const report: VenueFlatReport = { venue: flattener.venue, flat: false, cancelledOrders: 0, closedPositions: 0, error: null };
  let backoffMs = 250;
  for (;;) {
    try {
      report.cancelledOrders += await flattener.cancelAllOrders();
      report.closedPositions += await flattener.closeAllPositions();
      report.flat = await flattener.isFlat();
      if (report.flat) {
        report.error = null;
        return report;
      }
      report.error = 'positions remain after closing; retrying';
    } catch (err) {
      report.error = errorMessage(err);
    }
    if (now() + backoffMs > deadline) return report;
    await sleep(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 5_000);
  }
}
