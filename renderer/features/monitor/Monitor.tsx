import { useMemo, useState } from 'react';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { DEFAULT_SETTINGS, venuesOn } from '../../../shared/domain/settings.ts';
import { useKeyedVenues } from '../keys/useKeyedVenues.ts';
import { useMonitorView } from '../../store/monitorViewStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useCapacity } from '../../store/capacityStore.ts';
import { formatPct } from '../../ui/format.ts';
import { monitorColumns } from './columns.ts';
import { MonitorGrid } from './MonitorGrid.tsx';
import { MonitorToolbar } from './MonitorToolbar.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { TradeAction } from '../ticket/TradeAction.tsx';
import { firstMatch, orderRows } from './rowOrder.ts';

/** The monitor screen: every asset across venues, ranked by net carry unless sorted otherwise. */
export function Monitor() {
  const rows = useSignals((s) => s.rows);
  const loaded = useSignals((s) => s.loaded);
  const summary = useSignals((s) => s.summary);
  const sort = useMonitorView((s) => s.sort);
  const filter = useMonitorView((s) => s.filter);
  const sessionVenues = useSession((s) => s.info?.venues) ?? VENUE_IDS;
  const settings = useSession((s) => s.settings) ?? DEFAULT_SETTINGS;
  const connectionError = useSession((s) => s.connectionError);
  const keyed = useKeyedVenues();
  // Switched-off venues have no column; "only venues I can trade" keeps those with keys.
  const venues = useMemo(() => venuesOn(sessionVenues, settings).filter((v) => !filter.tradableOnly || keyed?.has(v)), [sessionVenues, settings, filter.tradableOnly, keyed]);
  const columns = useMemo(() => monitorColumns(venues), [venues]);
  const hiddenColumns = useMonitorView((s) => s.hiddenColumns);
  const hidden = useMemo(() => new Set(hiddenColumns), [hiddenColumns]);
  const chosenColumns = useMonitorView((s) => s.chosenColumns);
  const chosen = useMemo(() => new Set(chosenColumns), [chosenColumns]);
  const [dropped, setDropped] = useState<readonly string[]>([]);
  const capacitySnapshot = useCapacity((s) => s.snapshot);
  const capacityByBase = useCapacity((s) => s.byBase);
  const ordered = useMemo(
    () => orderRows(rows.values(), filter, sort, keyed, { snapshot: capacitySnapshot, byBase: capacityByBase, error: null }),
    [rows, filter, sort, keyed, capacitySnapshot, capacityByBase],
  );

  return (
    <section className="screen monitor" aria-label="Monitor">
      <div className="screen-head">
        <MonitorToolbar venues={venues} shown={ordered.length} total={rows.size} firstMatch={firstMatch(ordered, filter.search)} />
        <TradeAction />
        <ColumnChooser columns={columns} dropped={dropped} />
        {summary ? (
          <div className="summary">
            <span>trigger ≥ {formatPct(settings.triggerSpreadPer8h, 3)} /8h: <strong>{summary.triggered}</strong> triggered</span>
            <span className={summary.btcEthDiverging ? 'warn' : ''}>
              BTC−ETH {formatPct(summary.btcEthDivergencePer8h)} /8h{summary.btcEthDiverging ? ' ⚠ diverging' : ''}
            </span>
          </div>
        ) : null}
      </div>
      {!loaded ? (
        <div className="placeholder" role="status">
          {connectionError ? <span className="error">{connectionError}</span> : 'Loading market snapshot…'}
        </div>
      ) : rows.size === 0 ? (
        <div className="placeholder" role="status">No assets yet: the venues have not answered. See the venue chips below.</div>
      ) : (
        <MonitorGrid rows={ordered} columns={columns} hidden={hidden} chosen={chosen} onDropped={setDropped} sort={sort} windowMinutes={settings.windowMinutes} />
      )}
      {loaded && ordered.length === 0 && rows.size > 0 ? <div className="placeholder" role="status">No asset matches the filters.</div> : null}
    </section>
  );
}
