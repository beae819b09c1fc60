import type { VenueId } from '../../../shared/domain/venues.ts';
import type { JournalHold, KillSwitchReport, KillSwitchVenue } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import type { TradingStateMachine } from './tradingState.ts';

export type { KillSwitchReport } from '../../../shared/ipc/contract.ts';

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
  /** Orders this flattener sent whose journal entries could not be written, in words. */
  journalGaps?(): string[];
}

/**
 * A venue the kill switch answers for, reachable or not: `open` reaches its account (opening
 * it if it is not open yet) and returns its flattener, or throws saying why it cannot.
 */
export interface KillSwitchTarget {
  venue: VenueId;
  open(): Promise<Flattener>;
}

export interface KillSwitchOptions {
  state: TradingStateMachine;
  /** Every venue the journal or the vault knows, each once; the same call gives the background retries their targets. */
  targets: () => KillSwitchTarget[] | Promise<KillSwitchTarget[]>;
  /** What the journal says is open per venue now; a venue missing from the map holds nothing by the journal. */
  journalHolds?: () => Promise<Map<VenueId, JournalHold[]>>;
  /** The trading clock (the state's `since`); the simulated one in Demo. */
  now: () => number;
  /** The clock the deadline, back-off and report times run on (real time, even when the venues' clock is paused). */
  wallNow?: () => number;
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_KILL_SWITCH_DEADLINE_MS = 30_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Halts trading first (so nothing new is admitted while flattening), then flattens every
 * venue in parallel until flat or the deadline. A venue that keeps failing, or that cannot be
 * reached at all, is reported as not flat with its last error and what the journal holds
 * there; the trader gets an honest per-venue account, never a blanket "done".
 */
export async function engageKillSwitch(options: KillSwitchOptions, reason: string): Promise<KillSwitchReport> {
  const wallNow = options.wallNow ?? Date.now;
  const engagedAt = wallNow();
  const state = await options.state.transition('HALTED', reason, options.now());
  const deadlineMs = options.deadlineMs ?? DEFAULT_KILL_SWITCH_DEADLINE_MS;
  const sleep = options.sleep ?? realSleep;
  const targets = await options.targets();
  const venues = await Promise.all(targets.map((target) => flattenUntil(target, engagedAt + deadlineMs, wallNow, sleep)));
  await attachHolds(venues, options.journalHolds);
  return { engagedAt, finishedAt: wallNow(), deadlineMs, venues, state, retry: { active: false, attempts: 0, nextAt: null, endedBy: null } };
}

export function emptyRow(venue: VenueId): KillSwitchVenue {
  return { venue, flat: false, reachable: false, cancelledOrders: 0, closedPositions: 0, error: null, journalHolds: [], journalGaps: [] };
}

/** One try at a venue: reach it, cancel, close, ask whether it is flat; the row keeps the outcome. */
export async function attemptFlat(target: KillSwitchTarget, row: KillSwitchVenue): Promise<void> {
  let flattener: Flattener;
  try {
    flattener = await target.open();
  } catch (err) {
    Object.assign(row, { reachable: false, flat: false, error: errorMessage(err) });
    return;
  }
  row.reachable = true;
  try {
    row.cancelledOrders += await flattener.cancelAllOrders();
    row.closedPositions += await flattener.closeAllPositions();
    row.flat = await flattener.isFlat();
    row.error = row.flat ? null : 'positions remain after closing; retrying';
  } catch (err) {
    row.flat = false;
    row.error = errorMessage(err);
  } finally {
    row.journalGaps = flattener.journalGaps?.() ?? [];
  }
}

async function flattenUntil(target: KillSwitchTarget, deadline: number, now: () => number, sleep: (ms: number) => Promise<void>): Promise<KillSwitchVenue> {
  const row = emptyRow(target.venue);
  let backoffMs = 250;
  for (;;) {
    await attemptFlat(target, row);
    if (row.flat || now() + backoffMs > deadline) return row;
    await sleep(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 5_000);
  }
}

/** Fills each row's `journalHolds` from the journal as it stands now. */
export async function attachHolds(rows: KillSwitchVenue[], journalHolds: KillSwitchOptions['journalHolds']): Promise<void> {
  if (!journalHolds) return;
  let holds: Map<VenueId, JournalHold[]>;
  try {
    holds = await journalHolds();
  } catch (err) {
    // Said in the row rather than shown as "the journal holds nothing".
    for (const row of rows) if (!row.flat) row.error = `${row.error ?? 'not flat'}; the journal could not be read for what it holds here (${errorMessage(err)})`;
    return;
  }
  for (const row of rows) row.journalHolds = holds.get(row.venue) ?? [];
}
