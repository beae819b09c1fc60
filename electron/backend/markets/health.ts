/**
 * Per-venue health as a value: each poll outcome produces a new state, and the view
 * (status, staleness) is derived for a given time. No clocks are read here.
 */
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

/** After this many failed polls in a row a venue counts as down (and an alert fires). */
export const DOWN_AFTER_CONSECUTIVE_ERRORS = 3;

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

export function initialHealth(venue: VenueId): HealthState {
  return { venue, lastSuccessAt: null, lastAttemptAt: null, latencyMs: null, consecutiveErrors: 0, errorCount: 0, lastError: null, symbols: 0 };
}

export function recordSuccess(state: HealthState, at: number, latencyMs: number, symbols: number): HealthState {
  return { ...state, lastSuccessAt: at, lastAttemptAt: at, latencyMs, consecutiveErrors: 0, lastError: null, symbols };
}

export function recordFailure(state: HealthState, at: number, message: string): HealthState {
  return { ...state, lastAttemptAt: at, consecutiveErrors: state.consecutiveErrors + 1, errorCount: state.errorCount + 1, lastError: message };
}

export function isStale(state: HealthState, now: number, staleAfterMs: number): boolean {
  return state.lastSuccessAt === null || now - state.lastSuccessAt > staleAfterMs;
}

export function healthStatus(state: HealthState, now: number, staleAfterMs: number): VenueHealth['status'] {
  if (state.lastAttemptAt === null) return 'starting';
  if (state.consecutiveErrors >= DOWN_AFTER_CONSECUTIVE_ERRORS) return 'down';
  if (state.consecutiveErrors > 0) return state.lastSuccessAt !== null && isStale(state, now, staleAfterMs) ? 'down' : 'degraded';
  return isStale(state, now, staleAfterMs) ? 'degraded' : 'ok';
}

export function healthView(state: HealthState, now: number, staleAfterMs: number): VenueHealth {
  return { ...state, status: healthStatus(state, now, staleAfterMs), stale: isStale(state, now, staleAfterMs) };
}
