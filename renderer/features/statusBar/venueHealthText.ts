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
