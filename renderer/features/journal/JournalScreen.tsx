import { useCallback, useEffect, useState } from 'react';
import type { JournalEntry, WinRateStats } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useJournal } from '../../store/journalStore.ts';
import { formatPct, formatUsd, signClass } from '../../ui/format.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { blotterGroups, type BlotterGroup } from './blotter.ts';
import { journalDetail, localTime } from './journalDetail.ts';
import { TradingStyles } from '../ticket/TradingStyles.tsx';

/** The table shows the newest entries; the CSV export carries the whole journal. */
const SHOWN = 500;

function Bucket({ name, bucket }: { name: string; bucket: WinRateStats['confirmed'] }) {
  return (
    <span className="win-bucket" aria-label={`Win rate ${name}`}>
      {name}: <strong className="num">{bucket.rate === null ? '–' : formatPct(bucket.rate, 1).replace('+', '')}</strong>{' '}
      <span className="muted">({bucket.wins} won / {bucket.closed} closed pairs)</span>
    </span>
  );
}

function downloadCsv(text: string, now: number): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `journal-${new Date(now).toISOString().slice(0, 10)}.csv`;
  link.click();
  // The click has started the download; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function EntryRow({ entry: e }: { entry: JournalEntry }) {
  return (
    <tr className={`jk-${e.kind}`}>
      <td className="num muted">{e.seq}</td>
      <td className="num" title={`${new Date(e.time).toISOString().replace('T', ' ').slice(0, 19)} UTC`}>{localTime(e.time)}</td>
      <td>{e.kind}</td>
      <td>{e.venue ? VENUES[e.venue].label : '–'}</td>
      <td>{e.symbol ?? '–'}</td>
      <td />
      <td className="detail" title={journalDetail(e)}>{journalDetail(e)}</td>
    </tr>
  );
}

/** A pair's line (legs, status, span, net PnL) and, expanded, its entries newest first. */
function PairGroup({ group }: { group: BlotterGroup }) {
  const [open, setOpen] = useState(false);
  const name = group.pairId === null ? 'Not of a pair (trading state, alerts)' : `Pair ${group.pairId}`;
  return (
    <tbody aria-label={name}>
      <tr className="pair-head">
        <th scope="rowgroup" colSpan={5}>
          <button aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? 'Hide' : 'Show'} the ${group.entries.length} entries of ${group.pairId ?? 'no pair'}`}>{open ? '▾' : '▸'}</button>{' '}
          {group.pairId ?? 'not of a pair'} {group.status ? <span className={`status status-${group.status}`}>{group.status.toUpperCase()}</span> : null}{' '}
          <span>{group.legs}</span>{' '}
          <span className="muted">{localTime(group.firstTime)} → {localTime(group.lastTime)} · {group.entries.length} entries</span>
        </th>
        <td className={`num ${signClass(group.net)}`}>{formatUsd(group.net)}</td>
        <td />
      </tr>
      {open ? group.entries.map((e) => <EntryRow key={e.seq} entry={e} />) : null}
    </tbody>
  );
}

/** Every intent, order, fill, funding payment and override main journalled, by pair, and the win rate. */
export function JournalScreen() {
  const bridge = useBridge();
  const { entries, stats, loaded, error, set } = useJournal();
  const pairs = usePositions((s) => s.pairs);
  const [exportError, setExportError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, winRate] = await Promise.all([bridge.invoke('journal.list', {}), bridge.invoke('journal.stats')]);
      set({ entries: list.slice(-SHOWN).reverse(), stats: winRate, loaded: true, error: null });
    } catch (err) {
      set({ error: `Journal not loaded: ${errorMessage(err)}`, loaded: true });
    }
  }, [bridge, set]);

  useEffect(() => void load(), [load]);

  const exportCsv = async (): Promise<void> => {
    setExportError(null);
    try {
      downloadCsv((await bridge.invoke('journal.exportCsv', {})).text, Date.now());
    } catch (err) {
      setExportError(`Export failed: ${errorMessage(err)}`);
    }
  };

  return (
    <section className="screen journal" aria-label="Journal">
      <TradingStyles />
      <div className="screen-head toolbar">
        <h1>Journal</h1>
        {stats ? (
          <>
            <Bucket name="confirmed" bucket={stats.confirmed} />
            <Bucket name="contradicted" bucket={stats.contradicted} />
            {stats.warning ? <strong className="warn" role="alert">⚠ {stats.warning}</strong> : null}
          </>
        ) : null}
        <button onClick={() => void load()}>Refresh</button>
        <button onClick={() => void exportCsv()}>Export CSV</button>
        {exportError ? <span className="error" role="alert">{exportError}</span> : null}
        {error ? <span className="error" role="alert">{error}</span> : null}
      </div>
      {!loaded ? <p className="placeholder" role="status">Loading the journal…</p> : entries.length === 0 ? (
        <p className="placeholder" role="status">The journal is empty: no order has been sent yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="journal-table" aria-label="Journal by pair, latest first">
            <thead><tr><th scope="col">#</th><th scope="col">Time (local)</th><th scope="col">Kind</th><th scope="col">Venue</th><th scope="col">Symbol</th><th scope="col">Net PnL</th><th scope="col">Details</th></tr></thead>
            {blotterGroups(entries, pairs).map((group) => <PairGroup key={group.pairId ?? ''} group={group} />)}
          </table>
        </div>
      )}
    </section>
  );
}
