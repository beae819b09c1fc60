import { useState } from 'react';
import { MONITORING_ONLY_VENUES, VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useKeyedVenues } from '../keys/useKeyedVenues.ts';

/**
 * Which venues the terminal connects to, each saved at once: a venue switched off is not polled
 * or streamed and its markets are not held (docs/venues.md, "Venue choice"). Beside each, whether
 * the vault holds a key for it.
 */
export function VenuesSection() {
  const bridge = useBridge();
  const settings = useSession((s) => s.settings);
  const venues = useSession((s) => s.info?.venues) ?? VENUE_IDS;
  const setSession = useSession((s) => s.set);
  const keyed = useKeyedVenues();
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;

  const toggle = async (venue: VenueId, on: boolean) => {
    const venuesOff = VENUE_IDS.filter((v) => (v === venue ? !on : settings.venuesOff.includes(v)));
    try {
      setSession({ settings: await bridge.invoke('settings.set', { venuesOff }) });
      setError(null);
    } catch (err) {
      setError(`Not saved: ${errorMessage(err)}`);
    }
  };

  return (
    <fieldset className="venues" aria-label="Venues">
      <legend>Venues (off: not polled, no column, nothing held)</legend>
      {venues.map((venue) => (
        <div key={venue} className="venue-row">
          <label>
            <input type="checkbox" checked={!settings.venuesOff.includes(venue)} onChange={(e) => void toggle(venue, e.target.checked)} /> {VENUES[venue].label}
          </label>
          <span className="muted">{MONITORING_ONLY_VENUES.has(venue) ? 'monitoring only: not tradable in this build' : keyed === null ? 'vault locked' : keyed.has(venue) ? 'API key in vault' : 'no API key'}</span>
        </div>
      ))}
      {error ? <span role="alert" className="error">{error}</span> : null}
    </fieldset>
  );
}
