import { useEffect, useState } from 'react';
import { MONITORING_ONLY_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';

/**
 * The venues with an API key in the vault: the ones the trader can trade (a monitoring-only venue
 * is never one, whatever key is stored for it). Null while the vault
 * is locked or unread (then nothing is claimed either way). Read on mount: keys change in
 * Settings, and the monitor and Settings are separate screens.
 */
export function useKeyedVenues(): ReadonlySet<VenueId> | null {
  const bridge = useBridge();
  const [keyed, setKeyed] = useState<ReadonlySet<VenueId> | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const status = await bridge.invoke('vault.status');
        const keys = status.locked ? null : await bridge.invoke('vault.list');
        if (live) setKeyed(keys === null ? null : new Set(keys.map((key) => key.venue).filter((venue) => !MONITORING_ONLY_VENUES.has(venue))));
      } catch {
        if (live) setKeyed(null);
      }
    })();
    return () => { live = false; };
  }, [bridge]);
  return keyed;
}
