import { DEFAULT_SETTINGS, venuesOn } from '../../../shared/domain/settings.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { useClock } from '../../store/clockStore.ts';
import { useHealth } from '../../store/healthStore.ts';
import { useQuotes } from '../../store/quotesStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { formatAge } from '../../ui/format.ts';
import { ExposureFlag } from './ExposureFlag.tsx';
import { KillSwitch } from './KillSwitch.tsx';
import { MismatchFlag } from './MismatchFlag.tsx';
import { usePositionsFeed } from './positionsFeed.ts';
import { VenueHealthBar } from './VenueHealthBar.tsx';

function ModeBadge() {
  const mode = useSession((s) => s.info?.mode);
  if (!mode) return <span className="mode mode-unknown">mode –</span>;
  const words = { paper: 'PAPER — simulated fills on live data', demo: 'DEMO — simulated venues, no real market', live: 'LIVE — real orders with your keys' };
  return (
    <span className={`mode mode-${mode}`} title={words[mode]} aria-label={`Mode ${mode}`}>
      {mode.toUpperCase()}
    </span>
  );
}

function LinkState() {
  const connection = useSession((s) => s.connection);
  const nextRetryAt = useSession((s) => s.nextRetryAt);
  const error = useSession((s) => s.connectionError);
  const now = useClock((s) => s.now);
  if (connection === 'open') return null;
  const retry = nextRetryAt ? ` — retry in ${formatAge(Math.max(0, nextRetryAt - now))}` : '';
  return (
    <span className="link-state error" role="status" title={error ?? undefined}>
      {connection === 'connecting' ? 'connecting…' : `⚠ disconnected${retry}`}
    </span>
  );
}

/** Present on every screen: mode, unhedged pairs, venues holding other than approved, link state, venue health, data age, trading state and the kill switch. */
export function StatusBar() {
  usePositionsFeed();
  const venues = useHealth((s) => s.venues);
  const newest = useQuotes((s) => s.newestObservedAt);
  const ids = useSession((s) => s.info?.venues) ?? VENUE_IDS;
  // A switched-off venue's chip goes with its column, even if a health report already in flight re-adds it.
  const settings = useSession((s) => s.settings) ?? DEFAULT_SETTINGS;
  const now = useClock((s) => s.now);
  const age = newest === null ? null : now - newest;
  return (
    <footer className="statusbar" aria-label="Status bar">
      <ModeBadge />
      <ExposureFlag />
      <MismatchFlag />
      <LinkState />
      <VenueHealthBar list={venuesOn(ids, settings).flatMap((v) => venues[v] ?? [])} now={now} />
      <span className={`data-age num${age !== null && age > 30_000 ? ' stale' : ''}`} title="Age of the newest quote received">
        data {formatAge(age)}{age === null ? '' : ' old'}
      </span>
      <KillSwitch />
    </footer>
  );
}
