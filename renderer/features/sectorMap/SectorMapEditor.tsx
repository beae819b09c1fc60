import { useEffect, useState } from 'react';
import type { SectorMapView } from '../../../shared/domain/sectors.ts';
import type { ImportResult, NewSector, SectorImportResult } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSectors } from '../../store/sectorsStore.ts';
import { SectorStyles } from '../sectors/SectorStyles.tsx';
import { searchEntries } from './mapSearch.ts';
import { CsvImport } from '../../ui/CsvImport.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { existingSector, newSectorText } from '../../../shared/sectors/sectorName.ts';

const ROWS_SHOWN = 200;

/** The select's value that opens the field for a sector of a new name: names are trimmed, so no sector's starts with a space. */
const NEW_SECTOR = ' new sector';

interface Placing {
  /** The base whose new sector name is being typed. */
  naming: string | null;
  setNaming(base: string | null): void;
  onPick(base: string, sector: string): void;
  /** A typed name: an existing sector (any letter case) is placed at once, a new one is asked first. */
  onName(base: string, name: string): void;
}

/** A name for a new sector, typed in place of the select; Enter places, Esc goes back to the select. */
function NewSectorField({ base, placing }: { base: string; placing: Placing }) {
  const [name, setName] = useState('');
  const submit = () => {
    if (name.trim() !== '') placing.onName(base, name);
  };
  return (
    <span className="new-sector">
      <input autoFocus aria-label={`New sector for ${base}`} placeholder="sector name" maxLength={60} value={name} onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          // The question takes the focus at once: without preventDefault, this Enter's keypress would press its Cancel.
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            placing.setNaming(null);
          }
        }} />
      <button onClick={submit} disabled={name.trim() === ''}>Place</button>
      <button onClick={() => placing.setNaming(null)}>Cancel</button>
    </span>
  );
}

function SectorSelect({ base, value, sectors, placing }: { base: string; value: string; sectors: readonly string[]; placing: Placing }) {
  if (placing.naming === base) return <NewSectorField base={base} placing={placing} />;
  const pick = (picked: string) => {
    if (picked === NEW_SECTOR) placing.setNaming(base);
    else if (picked) placing.onPick(base, picked);
  };
  return (
    <select aria-label={`Sector of ${base}`} value={value} onChange={(e) => pick(e.target.value)}>
      {value === '' ? <option value="">— place —</option> : null}
      {sectors.map((s) => <option key={s} value={s}>{s}</option>)}
      <option value={NEW_SECTOR}>New sector…</option>
    </select>
  );
}

function UnknownBases({ map, placing }: { map: SectorMapView; placing: Placing }) {
  return (
    <section aria-labelledby="unknown-title">
      <h3 id="unknown-title">Unplaced assets quoted live ({map.unknown.length})</h3>
      {map.unknown.length === 0 ? <p className="muted small">Every live asset has a sector.</p> : (
        <ul className="unknown-list" aria-label="Unplaced assets">
          {map.unknown.map((base) => (
            <li key={base} className="leg">{base} <SectorSelect base={base} value="" sectors={map.sectors} placing={placing} /></li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The question an imported file's new sector names raise: each with the assets it takes and the sectors it may have meant. */
function NewSectorsDialog({ fileName, sectors, onAnswer }: { fileName: string; sectors: readonly NewSector[]; onAnswer(create: boolean): void }) {
  const title = sectors.length === 1 ? `Create the sector "${sectors[0].name}"?` : `Create ${sectors.length} new sectors?`;
  return (
    <ConfirmDialog title={title} confirmLabel={sectors.length === 1 ? `Create "${sectors[0].name}" and import` : `Create ${sectors.length} sectors and import`}
      onConfirm={() => onAnswer(true)} onCancel={() => onAnswer(false)}>
      <p>{fileName} names {sectors.length === 1 ? 'a sector' : 'sectors'} no sector has yet; importing it creates:</p>
      <ul aria-label="New sectors">
        {sectors.map((s) => (
          <li key={s.name}>
            <strong>{s.name}</strong>: {s.bases.length === 1 ? '1 asset' : `${s.bases.length} assets`} ({s.bases.slice(0, 6).join(', ')}{s.bases.length > 6 ? ', …' : ''})
            {s.near.length > 0 ? <> — did you mean {s.near.join(' or ')}?</> : null}
          </li>
        ))}
      </ul>
      <p>Cancel imports nothing; fix the names in the file, or confirm to create them.</p>
    </ConfirmDialog>
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

  const [naming, setNaming] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ base: string; sector: string } | null>(null);

  const place = async (base: string, sector: string, newSector = false): Promise<void> => {
    try {
      setSectors({ map: await bridge.invoke('sectors.set', { base, sector, newSector }) });
      setMessage({ ok: true, text: `${base} → ${sector} saved${newSector ? ' as a new sector' : ''}; alignment follows from the engine's next snapshot.` });
      setNaming(null);
    } catch (err) {
      setMessage({ ok: false, text: `${base} not moved to ${sector}: ${errorMessage(err)}` });
    }
  };
  const placing: Placing = {
    naming,
    setNaming,
    onPick: (base, sector) => void place(base, sector),
    onName: (base, name) => {
      const existing = map ? existingSector(name, map.sectors) : null;
      if (existing !== null) void place(base, existing);
      else setAsking({ base, sector: name.trim() });
    },
  };
  // An import whose file names new sectors waits here for the trader's answer (docs/screens.md, "Sector map").
  const [importAsking, setImportAsking] = useState<{ fileName: string; sectors: NewSector[]; answer(create: boolean): void } | null>(null);
  const importFile = async (file: { fileName: string; text: string }): Promise<SectorImportResult | null> => {
    const first = await bridge.invoke('sectors.importCsv', file);
    if (first.unconfirmed.length === 0) return first;
    const create = await new Promise<boolean>((answer) => setImportAsking({ fileName: file.fileName, sectors: first.unconfirmed, answer }));
    setImportAsking(null);
    return create ? bridge.invoke('sectors.importCsv', { ...file, newSectors: first.unconfirmed.map((s) => s.name) }) : null;
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
                <td><SectorSelect base={e.base} value={e.sector} sectors={map.sectors} placing={placing} /></td>
                <td className={e.source === 'user' ? 'warn' : 'muted'}>{e.source === 'user' ? '✎ user' : 'default'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <UnknownBases map={map} placing={placing} />
      {asking ? (
        <ConfirmDialog title={`Create the sector "${asking.sector}"?`} confirmLabel={`Create "${asking.sector}" and place ${asking.base}`}
          onConfirm={() => { setAsking(null); void place(asking.base, asking.sector, true); }} onCancel={() => setAsking(null)}>
          <p>{newSectorText(asking.base, asking.sector, map.sectors)}</p>
          <p>Its funding is then compared with the other sectors as one more sector. Cancel keeps the name typed.</p>
        </ConfirmDialog>
      ) : null}
      {importAsking ? <NewSectorsDialog fileName={importAsking.fileName} sectors={importAsking.sectors} onAnswer={importAsking.answer} /> : null}
      <CsvImport
        title="Import sector map"
        hint={<>Header <code>base,sector</code>; one asset per line; a base given its default sector drops your override; a sector name not known yet is asked first.</>}
        send={importFile}
        onImported={(r) => void onImported(r)}
      />
    </section>
  );
}
