import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { chipState, healthTooltip, STATE_MARK } from './venueHealthText.ts';
import { venueCode } from '../../ui/venueCode.ts';

/**
 * One venue's health, compact: the state's mark and colour and the venue's short name (its full
 * name at wide windows); the whole report (latency, age, bounds, last error) in its tooltip and in
 * the venue list (docs/screens.md, "Status bar").
 */
export function VenueChip({ health, now }: { health: VenueHealth; now: number }) {
  const label = VENUES[health.venue].label;
  const state = chipState(health);
  return (
    <li className={`chip chip-${state}`} title={healthTooltip(health, now)} data-venue={health.venue} data-status={health.status} aria-label={`${label} ${health.status}${health.stale ? ' stale' : ''}, ${health.errorCount} errors`}>
      <span className="chip-mark" aria-hidden="true">{STATE_MARK[state]}</span>
      <span className="chip-code" aria-hidden="true">{venueCode(health.venue)}</span>
      <span className="chip-name" aria-hidden="true">{label}</span>
      {health.errorCount > 0 ? <span className="num err-count" aria-hidden="true">✕{health.errorCount}</span> : null}
    </li>
  );
}
