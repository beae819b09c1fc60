import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { formatAge } from '../../ui/format.ts';

const STATUS_MARK: Record<VenueHealth['status'], string> = { starting: '…', ok: '●', degraded: '◐', down: '✕' };

/** One venue's health: status (mark + word), latency, data age, errors; the last error on hover. */
export function VenueChip({ health, now }: { health: VenueHealth; now: number }) {
  const label = VENUES[health.venue].label;
  const age = health.lastSuccessAt === null ? null : now - health.lastSuccessAt;
  const tone = health.status === 'ok' && health.stale ? 'degraded' : health.status;
  const title = [
    `${label}: ${health.status}${health.stale ? ', data stale' : ''}`,
    `${health.symbols} symbols`,
    `latency ${health.latencyMs === null ? '–' : `${Math.round(health.latencyMs)} ms`}`,
    `last success ${formatAge(age)}${age === null ? '' : ' ago'}`,
    `${health.errorCount} errors (${health.consecutiveErrors} in a row)`,
    health.lastError ? `last error: ${health.lastError}` : 'no error',
  ].join('\n');
  return (
    <span className={`chip chip-${tone}`} title={title} data-venue={health.venue} data-status={health.status} aria-label={`${label} ${health.status}${health.stale ? ' stale' : ''}, ${health.errorCount} errors`}>
      <span aria-hidden="true">{STATUS_MARK[health.status]}</span> {label}
      <span className="num">{health.latencyMs === null ? '–' : `${Math.round(health.latencyMs)} ms`}</span>
      <span className="num">{age === null ? '–' : formatAge(age)}</span>
      {health.errorCount > 0 ? <span className="num err-count">✕{health.errorCount}</span> : null}
    </span>
  );
}
