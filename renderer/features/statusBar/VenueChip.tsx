import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { formatAge } from '../../ui/format.ts';
import { healthTooltip } from './venueHealthText.ts';

const STATUS_MARK: Record<VenueHealth['status'], string> = { starting: '…', ok: '●', degraded: '◐', down: '✕' };

/** One venue's health: status (mark + word), latency, data age, errors; bounds and the last error on hover. */
export function VenueChip({ health, now }: { health: VenueHealth; now: number }) {
  const label = VENUES[health.venue].label;
  const age = health.lastSuccessAt === null ? null : now - health.lastSuccessAt;
  const tone = health.status === 'ok' && health.stale ? 'degraded' : health.status;
  const title = healthTooltip(health, now);
  return (
    <span className={`chip chip-${tone}`} title={title} data-venue={health.venue} data-status={health.status} aria-label={`${label} ${health.status}${health.stale ? ' stale' : ''}, ${health.errorCount} errors`}>
      <span aria-hidden="true">{STATUS_MARK[health.status]}</span> {label}
      <span className="num latency">{health.latencyMs === null ? '–' : `${Math.round(health.latencyMs)} ms`}</span>
      <span className="num">{age === null ? '–' : formatAge(age)}</span>
      {health.errorCount > 0 ? <span className="num err-count">✕{health.errorCount}</span> : null}
    </span>
  );
}
