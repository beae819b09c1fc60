/**
 * The words of a venue's health chip: its state, the bounds it is judged by (sent by main with
 * every report, see docs/health.md) and the figures of the last polls.
 */
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

/** Seconds with one decimal below 10 s, whole seconds above: bounds are short, ages may be long. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? `${Number(s.toFixed(1))} s` : `${Math.round(s)} s`;
}

/** How the venue is judged: cadence, late bound, down bound, and the stream's silence bound. */
export function boundsLine(health: VenueHealth): string {
  const b = health.bounds;
  const polls = b.downAfterPolls;
  return `polled every ${formatSeconds(b.pollMs)}; degraded after 1 failed or late poll (> ${formatSeconds(b.lateAfterMs)}), ` +
    `down after ${polls} in a row (≈ ${formatSeconds(b.downAfterMs)}, retried every ${formatSeconds(b.retryMs)} meanwhile)`;
}

function streamLine(health: VenueHealth, now: number): string | null {
  const stream = health.stream;
  if (!stream) return null;
  const silentAfter = health.bounds.streamSilentAfterMs;
  const heard = stream.lastMessageAt === null ? 'no message yet' : `last message ${formatSeconds(Math.max(0, now - stream.lastMessageAt))} ago`;
  const bound = silentAfter === null ? '' : `; degraded when silent > ${formatSeconds(silentAfter)}`;
  return `stream ${stream.status} (${heard}${bound}); polls every ${formatSeconds(stream.pollMs)} meanwhile`;
}

export function healthTooltip(health: VenueHealth, now: number): string {
  const label = VENUES[health.venue].label;
  const age = health.lastSuccessAt === null ? null : Math.max(0, now - health.lastSuccessAt);
  const latency = health.latencyMs === null ? '–' : `${Math.round(health.latencyMs)} ms`;
  return [
    `${label}: ${health.status}${health.stale ? ', data stale' : ''}`,
    boundsLine(health),
    `last answer ${age === null ? 'never' : `${formatSeconds(age)} ago`} in ${latency}; ${health.symbols} symbols`,
    streamLine(health, now),
    `${health.errorCount} failed or late polls (${health.consecutiveErrors} in a row)`,
    health.lastError ? `last error: ${health.lastError}` : 'no error',
  ].filter((line) => line !== null).join('\n');
}

/** A venue's state as the status bar draws it: an answering venue whose data is past its bound reads "stale". */
export type ChipState = 'down' | 'degraded' | 'stale' | 'starting' | 'ok';

/** Worst first: the order of the summary and of the venue list. */
const SEVERITY: readonly ChipState[] = ['down', 'degraded', 'stale', 'starting', 'ok'];

export const STATE_MARK: Record<ChipState, string> = { down: '✕', degraded: '◐', stale: '◷', starting: '…', ok: '●' };

export function chipState(health: VenueHealth): ChipState {
  return health.status === 'ok' && health.stale ? 'stale' : health.status;
}

export interface HealthSummary {
  /** The worst state of any venue shown ('ok' when every one is). */
  worst: ChipState;
  /** What the summary button prints after the worst state's mark: that state and how many venues are in it. */
  text: string;
  /** Every state but ok with its venues, for the button's name and tooltip. */
  label: string;
}

/** One line over all venues: the worst state first, each state with the venues in it. */
export function healthSummary(list: readonly VenueHealth[]): HealthSummary {
  const groups = SEVERITY.map((state) => ({ state, names: list.filter((h) => chipState(h) === state).map((h) => VENUES[h.venue].label) })).filter((g) => g.names.length > 0);
  const worst = groups[0]?.state ?? 'ok';
  const bad = groups.filter((g) => g.state !== 'ok');
  const okCount = list.length - bad.reduce((n, g) => n + g.names.length, 0);
  const text = worst === 'ok' ? `all ${list.length} ok` : `${groups[0].names.length} ${worst}`;
  const parts = [...bad.map((g) => `${g.names.length} ${g.state} (${g.names.join(', ')})`), `${okCount} ok`];
  return { worst, text, label: `Venues: ${parts.join(', ')}` };
}

/** The venues worst first, in their own order within a state: the venue list's rows. */
export function worstFirst(list: readonly VenueHealth[]): VenueHealth[] {
  return [...list].sort((a, b) => SEVERITY.indexOf(chipState(a)) - SEVERITY.indexOf(chipState(b)));
}
