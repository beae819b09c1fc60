/**
 * Per-venue health as a value: each poll outcome produces a new state, and the view
 * (status, staleness) is derived for a given time. No clocks are read here.
 * The bounds come from the venue's cadence (docs/health.md): a failed or late poll degrades
 * at once, a few in a row make the venue down, the first good answer restores it.
 */
import type { HealthBounds, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

/** After this many failed or late polls in a row a venue counts as down (and an alert fires). */
export const DOWN_AFTER_POLLS = 3;
/** An answer taking longer than this share of the cadence is late. */
export const LATE_SHARE = 0.4;
/** After a bad poll the next one comes after this share of the cadence, so that down is decided in seconds. */
export const RETRY_SHARE = 0.25;
/** A live stream is silent after this many of its expected message gaps without a message. */
export const SILENT_AFTER_GAPS = 2;

export interface HealthState {
  venue: VenueId;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  latencyMs: number | null;
  consecutiveErrors: number;
  errorCount: number;
  lastError: string | null;
  symbols: number;
}

export interface CadenceInput {
  /** The venue's REST cadence, unscaled. */
  pollMs: number;
  /** Multiplies the cadence; below 1 in tests. */
  scale: number;
  /** The stream's promised gap between messages (unscaled), where a stream runs. */
  streamGapMs?: number;
}

/**
 * The bounds in force for a venue. A test that speeds polling up (scale below 1) does not
 * tighten what counts as a late answer or a silent stream: network time and a venue's push
 * period do not get shorter because the terminal polls more often.
 */
export function healthBounds({ pollMs, scale, streamGapMs }: CadenceInput): HealthBounds {
  const realTime = Math.max(scale, 1);
  const lateAfterMs = LATE_SHARE * pollMs * realTime;
  const retryMs = RETRY_SHARE * pollMs * scale;
  return {
    pollMs: pollMs * scale,
    lateAfterMs,
    retryMs,
    downAfterPolls: DOWN_AFTER_POLLS,
    // A venue that stops answering: late at the first bound, then one more per retry period.
    downAfterMs: lateAfterMs + (DOWN_AFTER_POLLS - 1) * retryMs,
    streamSilentAfterMs: streamGapMs === undefined ? null : SILENT_AFTER_GAPS * streamGapMs * realTime,
  };
}

export function initialHealth(venue: VenueId): HealthState {
  return { venue, lastSuccessAt: null, lastAttemptAt: null, latencyMs: null, consecutiveErrors: 0, errorCount: 0, lastError: null, symbols: 0 };
}

/** An answer with data, on time or not: the data is fresh; whether the poll was good is decided apart. */
export function recordAnswer(state: HealthState, at: number, latencyMs: number, symbols: number): HealthState {
  return { ...state, lastSuccessAt: at, lastAttemptAt: at, latencyMs, symbols };
}

/** A good poll: answered with data within the late bound. Ends any run of bad polls. */
export function recordSuccess(state: HealthState, at: number, latencyMs: number, symbols: number): HealthState {
  return { ...recordAnswer(state, at, latencyMs, symbols), consecutiveErrors: 0, lastError: null };
}

/** A failed or late poll. */
export function recordFailure(state: HealthState, at: number, message: string): HealthState {
  return { ...state, lastAttemptAt: at, consecutiveErrors: state.consecutiveErrors + 1, errorCount: state.errorCount + 1, lastError: message };
}

/** A better description of a poll already counted as bad (it was late, then failed outright). */
export function noteError(state: HealthState, at: number, message: string): HealthState {
  return { ...state, lastAttemptAt: at, lastError: message };
}

export function isStale(state: HealthState, now: number, staleAfterMs: number): boolean {
  return state.lastSuccessAt === null || now - state.lastSuccessAt > staleAfterMs;
}

export interface HealthContext {
  now: number;
  staleAfterMs: number;
  bounds: HealthBounds;
  /** True while a stream that should carry the fast fields has gone silent. */
  streamSilent?: boolean;
}

export function healthStatus(state: HealthState, context: HealthContext): VenueHealth['status'] {
  const stale = isStale(state, context.now, context.staleAfterMs);
  if (state.lastAttemptAt === null) return 'starting';
  if (state.consecutiveErrors >= context.bounds.downAfterPolls) return 'down';
  if (state.consecutiveErrors > 0) return state.lastSuccessAt !== null && stale ? 'down' : 'degraded';
  return stale || context.streamSilent === true ? 'degraded' : 'ok';
}

export function healthView(state: HealthState, context: HealthContext): VenueHealth {
  return { ...state, status: healthStatus(state, context), stale: isStale(state, context.now, context.staleAfterMs), bounds: context.bounds };
}
