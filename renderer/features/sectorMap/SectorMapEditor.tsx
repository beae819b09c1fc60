import { useEffect, useState } from 'react';
import type { SectorMapView } from '../../../shared/domain/sectors.ts';
import type { ImportResult } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSectors } from '../../store/sectorsStore.ts';
import { SectorStyles } from '../sectors/SectorStyles.tsx';
import { searchEntries } from './mapSearch.ts';
import { CsvImport } from '../../ui/CsvImport.tsx';

const ROWS_SHOWN = 200;

function SectorSelect({ base, value, sectors, onPick }: { base: string; value: string; sectors: readonly string[]; onPick(base: string, sector: string): void }) {
  return (
    <select aria-label={`Sector of ${base}`} value={value} onChange={(e) => e.target.value && onPick(base, e.target.value)}>
      {value === '' ? <option value="">— place —</option> : null}
      {sectors.map((s) => <option key={s} value={s}>{s}</option>)}
    </select>
  );
}

function UnknownBases({ map, onPick }: { map: SectorMapView; onPick(base: string, sector: string): void }) {
  return (
    <section aria-labelledby="unknown-title">
      <h3 id="unknown-title">Unplaced assets quoted live ({map.unknown.length})</h3>
      {map.unknown.length === 0 ? <p className="muted small">Every live asset has a sector.</p> : (
        <ul className="unknown-list" aria-label="Unplaced assets">
          {map.unknown.map((base) => (
            <li key={base} className="leg">{base} <SectorSelect base={base} value="" sectors={map.sectors} onPick={onPick} /></li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Saves the effective map as `sectors.csv` through a Blob link: no file-system access needed. */
async function exportCsv(invoke: () => Promise<{ text: string }>): Promise<void> {
  const { text } = await invoke();
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'sectors.csv';
  a.click();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The sector map the engine uses: the shipped taxonomy with the user's placements on top. Every
 * change goes to the backend, which stores it and re-sends the map to the engine; the answer is
 * the new effective map, shown as is.
 */
export function SectorMapEditor() {
  const bridge = useBridge();
  const map = useSectors((s) => s.map);
  const setSectors = useSectors((s) => s.set);
  const [search, setSearch] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    bridge.invoke('sectors.map').then(
      (m) => setSectors({ map: m }),
      (err) => setMessage({ ok: false, text: `Could not load the sector map: ${errorMessage(err)}` }),
    );
  }, [bridge, setSectors]);

  const place = async (base: string, sector: string): Promise<void> => {
    try {
      setSectors({ map: await bridge.invoke('sectors.set', { base, sector }) });
      setMessage({ ok: true, text: `${base} → ${sector} saved; alignment follows from the engine's next snapshot.` });
    } catch (err) {
      setMessage({ ok: false, text: `${base} not moved to ${sector}: ${errorMessage(err)}` });
    }
  };
  const onImported = async (result: ImportResult): Promise<void> => {
    if (result.imported > 0) setSectors({ map: await bridge.invoke('sectors.map') });
  };

  if (!map) return <section aria-label="Sector map" role="status">{message?.text ?? 'Loading the sector map…'}</section>;
  const { shown, matched } = searchEntries(map.entries, search, ROWS_SHOWN);
  const userCount = map.entries.filter((e) => e.source === 'user').length;
  return (
    <section aria-label="Sector map" className="sector-map">
      <SectorStyles />
      <h2>Sector map</h2>
      <p className="muted small">{map.entries.length} assets in {map.sectors.length} sectors; {userCount} placed by you, the rest from the default taxonomy.</p>
      <div className="toolbar">
        <input type="search" aria-label="Search the sector map" placeholder="Search base or sector" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="muted small" aria-live="polite">{matched === shown.length ? `${matched} shown` : `${shown.length} of ${matched} shown`}</span>
        <button onClick={() => exportCsv(() => bridge.invoke('sectors.exportCsv')).catch((err) => setMessage({ ok: false, text: `Export failed: ${errorMessage(err)}` }))}>Export CSV</button>
      </div>
      {message ? <p role="status" className={message.ok ? 'ok' : 'error'}>{message.text}</p> : null}
      <div className="sector-map-scroll">
        <table aria-label="Sector assignments">
          <thead><tr><th scope="col">Base</th><th scope="col">Sector</th><th scope="col">Source</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.base}>
                <th scope="row">{e.base}</th>
                <td><SectorSelect base={e.base} value={e.sector} sectors={map.sectors} onPick={(b, s) => void place(b, s)} /></td>
                <td className={e.source === 'user' ? 'warn' : 'muted'}>{e.source === 'user' ? '✎ user' : 'default'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <UnknownBases map={map} onPick={(b, s) => void place(b, s)} />
      <CsvImport
        title="Import sector map"
        hint={<>Header <code>base,sector</code>; one asset per line; a base given its default sector drops your override.</>}
        send={(file) => bridge.invoke('sectors.importCsv', file)}
        onImported={(r) => void onImported(r)}
      />
    </section>
  );
}
