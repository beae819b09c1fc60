import { useEffect, useMemo, useState } from 'react';
import { TIMELINE_BUCKET_HOURS, type FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { divergenceColour } from '../../store/divergenceHistory.ts';
import { useAccrual } from '../../store/accrualStore.ts';
import { HEATMAP_ROW_LIMITS, useHeatmapView, type HeatmapViewId } from '../../store/heatmapViewStore.ts';
import { useQuotes } from '../../store/quotesStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { formatPct } from '../../ui/format.ts';
import { buildTimeGrid, buildVenueGrid, type HeatmapCell, type HeatmapMeasure } from './heatmapGrid.ts';
import { HeatmapStyles } from './HeatmapStyles.tsx';

type View = HeatmapViewId;

const VIEWS: ReadonlyArray<[View, string, string]> = [
  ['now', 'Rate now', '% /8h, live'],
  ['d1', 'Accumulated 1 d', '% summed over 24 h'],
  ['d7', 'Accumulated 7 d', '% summed over 7 d'],
  ['d30', 'Accumulated 30 d', '% summed over 30 d'],
  ['time', 'Over time', '% /8h per 8-h bucket, 7 d, mean over venues'],
];
const BUCKET_MS = TIMELINE_BUCKET_HOURS * 3_600_000;
/** The live grid is redrawn at most this often. */
const LIVE_REDRAW_MS = 2_000;
/** A store read younger than this is not repeated when the view opens. */
const FRESH_MS = 60_000;

const clock = (at: number) => `${new Date(at).toISOString().slice(5, 10)} ${new Date(at).toISOString().slice(11, 16)}`;
const unitOf = (view: View) => VIEWS.find(([id]) => id === view)![2];

/** The figure in a cell, its unit in the header: sums over days run larger, so one digit fewer. */
function cellText(value: number, view: View): string {
  return formatPct(value, view === 'now' ? 4 : 3).replace('%', '');
}

function cellLabel(base: string, venue: string, view: View, cell: HeatmapCell): string {
  const coverage = cell.settlements ? `, ${cell.settlements.counted} of ${cell.settlements.expected} settlements` : '';
  return `${base} on ${venue}: ${formatPct(cell.value)} (${unitOf(view)}${coverage})`;
}

function AssetButton({ base }: { base: string }) {
  const openSymbol = useUi((s) => s.openSymbol);
  return <button className="hm-asset" onClick={() => openSymbol(base)} aria-label={`Open ${base}`}>{base}</button>;
}

/**
 * The quotes at most once per LIVE_REDRAW_MS: they change several times a second, and each
 * change would rebuild the grid over every quote and redraw hundreds of cells.
 */
function useQuotesEvery(ms: number): ReadonlyMap<string, FundingQuote> {
  const [quotes, setQuotes] = useState(() => useQuotes.getState().quotes);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useQuotes.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setQuotes(useQuotes.getState().quotes);
      }, ms);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [ms]);
  return quotes;
}

function VenueTable({ view, query, limit, accrual }: { view: HeatmapMeasure; query: string; limit: number; accrual: FundingAccrual | null }) {
  const quotes = useQuotesEvery(LIVE_REDRAW_MS);
  const grid = useMemo(() => buildVenueGrid({ quotes: quotes.values(), accrual }, view, query, limit), [quotes, accrual, view, query, limit]);
  if (grid.rows.length === 0) return <p className="placeholder" role="status">{view === 'now' ? 'No live quote matches.' : 'No settlement stored or seen live for a matching asset yet.'}</p>;
  return (
    <>
      <p className="legend">{grid.rows.length} of {grid.matched} assets, widest first. Green + = longs pay shorts, red − = shorts pay longs; full colour at {formatPct(grid.scale)}. {view === 'now' ? '' : 'A faded cell counts fewer settlements than the window holds (the store lacks part of it).'}</p>
      <table aria-label={`Funding heatmap, asset by venue: ${unitOf(view)}`}>
        <thead>
          <tr><th scope="col">Asset</th>{grid.venues.map((v) => <th key={v} scope="col">{VENUES[v].label}</th>)}<th scope="col" title="Highest minus lowest venue: what a pair across them would collect">Spread</th></tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.base}>
              <th scope="row"><AssetButton base={row.base} /></th>
              {row.cells.map((cell, i) => {
                if (!cell) return <td key={grid.venues[i]} className="hm-cell empty" aria-label={`${row.base} on ${VENUES[grid.venues[i]].label}: not listed`} />;
                const label = cellLabel(row.base, VENUES[grid.venues[i]].label, view, cell);
                const partial = cell.settlements !== undefined && cell.settlements.counted < cell.settlements.expected;
                return (
                  <td key={grid.venues[i]} className={`hm-cell num${partial ? ' partial' : ''}`} style={{ background: divergenceColour(cell.value, grid.scale) }} aria-label={label} title={label}>
                    {cellText(cell.value, view)}
                  </td>
                );
              })}
              <td className="hm-spread num" aria-label={`${row.base} widest venue spread: ${row.spread === null ? 'one venue only' : `${formatPct(row.spread)} (${unitOf(view)})`}`}>
                {row.spread === null ? '–' : cellText(row.spread, view)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TimeTable({ query, limit, accrual }: { query: string; limit: number; accrual: FundingAccrual | null }) {
  const grid = useMemo(() => buildTimeGrid(accrual, query, limit, BUCKET_MS), [accrual, query, limit]);
  if (grid.rows.length === 0) return <p className="placeholder" role="status">No settlement stored or seen live for a matching asset in the last 7 days.</p>;
  return (
    <>
      <p className="legend">{grid.rows.length} of {grid.matched} assets, the largest mean |funding| first; each column is the 8 h ending at its time (UTC); full colour at {formatPct(grid.scale)} /8h; empty where nothing settled or was seen.</p>
      <table aria-label="Funding heatmap, asset by time: % /8h per 8-h bucket">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            {grid.ends.map((end, k) => <th key={end} scope="col" className="hm-time" aria-label={`8 h to ${clock(end)} UTC`}>{k % 3 === 0 ? clock(end) : ''}</th>)}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.base}>
              <th scope="row"><AssetButton base={row.base} /></th>
              {row.per8h.map((value, k) => {
                const label = `${row.base}, 8 h to ${clock(grid.ends[k])} UTC: ${value === null ? 'nothing settled' : `${formatPct(value)} /8h`}`;
                return <td key={grid.ends[k]} className="hm-tick" style={{ background: divergenceColour(value, grid.scale) }} aria-label={label} title={label} />;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Funding as a picture (docs/screens.md, "Heatmap"): asset × venue, live or accumulated from the
 * store, and asset × time over the stored week; colour by sign and size, the figure in each cell.
 */
export function HeatmapView() {
  // Kept in a store (and the measure and rows across restarts): leaving the screen loses nothing.
  const { view, query, limit, set } = useHeatmapView();
  const accrual = useAccrual((s) => s.accrual);
  const error = useAccrual((s) => s.error);
  const loading = useAccrual((s) => s.loading);
  const reload = useAccrual((s) => s.reload);
  // Opening the view reads the store again unless the last read is fresh.
  useEffect(() => {
    const last = useAccrual.getState().accrual?.asOf;
    if (last === undefined || Date.now() - last > FRESH_MS) void reload();
  }, [reload]);
  return (
    <section className="screen heatmap-screen" aria-label="Heatmap">
      <HeatmapStyles />
      <div className="screen-head">
        <h1>Heatmap</h1>
        <div role="radiogroup" aria-label="Measure" className="hm-views">
          {VIEWS.map(([id, name, unit]) => (
            <label key={id}><input type="radio" name="hm-view" checked={view === id} onChange={() => set({ view: id })} aria-label={`${name} (${unit})`} />{name}</label>
          ))}
        </div>
        <input type="search" aria-label="Filter assets" placeholder="Filter assets" value={query} onChange={(e) => set({ query: e.target.value })} />
        <label>Rows <select aria-label="Rows shown" value={limit} onChange={(e) => set({ limit: Number(e.target.value) })}>{HEATMAP_ROW_LIMITS.map((n) => <option key={n} value={n}>{n}</option>)}</select></label>
        {view !== 'now' ? (
          <span className="muted" role="status" aria-label="Stored figures as of">
            {accrual ? `store read ${new Date(accrual.asOf).toISOString().slice(11, 16)} UTC` : loading ? 'reading the store…' : ''}
            {' '}<button onClick={() => void reload()} disabled={loading} aria-label="Read accumulated funding again">Refresh</button>
          </span>
        ) : null}
      </div>
      {error && view !== 'now' ? <p className="error" role="alert">{error}</p> : null}
      {view === 'time' ? <TimeTable query={query} limit={limit} accrual={accrual} /> : <VenueTable view={view} query={query} limit={limit} accrual={accrual} />}
    </section>
  );
}
