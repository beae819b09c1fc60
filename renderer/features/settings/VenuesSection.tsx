import { useState } from 'react';
import { MONITORING_ONLY_VENUES, VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useKeyedVenues } from '../keys/useKeyedVenues.ts';

/** The key column's words: a monitoring-only venue takes no key in this build. */
function keyState(venue: VenueId, keyed: ReadonlySet<VenueId> | null): string {
  if (MONITORING_ONLY_VENUES.has(venue)) return '–';
  if (keyed === null) return 'vault locked';
  return keyed.has(venue) ? 'API key in vault' : 'no API key';
}

/**
 * Which venues the terminal connects to, each saved at once: a venue switched off is not polled
 * or streamed and its markets are not held (docs/venues.md, "Venue choice"). One row per venue,
 * its name, its switch, whether the vault holds a key for it and whether this build trades it,
 * each in a cell of its own (docs/screens.md, "Venues (Settings)").
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
      <table className="venue-table" aria-label="Venue connections">
        <thead>
          <tr><th scope="col">Venue</th><th scope="col">On</th><th scope="col">API key</th><th scope="col">Trading</th></tr>
        </thead>
        <tbody>
          {venues.map((venue) => {
            const monitoringOnly = MONITORING_ONLY_VENUES.has(venue);
            return (
              <tr key={venue}>
                {/* The name is the switch's label: clicking it toggles, and the box is named by it. */}
                <th scope="row"><label htmlFor={`venue-on-${venue}`}>{VENUES[venue].label}</label></th>
                <td><input id={`venue-on-${venue}`} type="checkbox" checked={!settings.venuesOff.includes(venue)} onChange={(e) => void toggle(venue, e.target.checked)} /></td>
                <td className="muted" title={monitoringOnly ? 'No key is taken for a monitoring-only venue' : undefined}>{keyState(venue, keyed)}</td>
                <td className={monitoringOnly ? 'muted' : undefined}>{monitoringOnly ? 'monitoring only: not tradable in this build' : 'tradable'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error ? <span role="alert" className="error">{error}</span> : null}
    </fieldset>
  );
}
