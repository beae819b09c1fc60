import { useState } from 'react';
import type { ImportResult } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../app/bridgeContext.ts';

const ERRORS_SHOWN = 200;

/** `base,sector` CSV import; good lines become the user's placements, bad ones are listed by line. */
export function SectorCsvImport({ onImported }: { onImported(result: ImportResult): void }) {
  const bridge = useBridge();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await bridge.invoke('sectors.importCsv', { fileName: file.name, text: await file.text() });
      setResult(r);
      onImported(r);
    } catch (err) {
      setError(`Import of ${file.name} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Import sector map">
      <h3>Import sector map (CSV)</h3>
      <p className="muted small">Header <code>base,sector</code>; one asset per line; a base given its default sector drops your override.</p>
      <input type="file" accept=".csv,text/csv" aria-label="Sector map CSV file" disabled={busy} onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that the same file, once fixed, can be chosen again.
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {busy ? <span role="status"> Importing…</span> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {result ? (
        <div role="status" aria-label="Sector map import result">
          <p>{result.fileName}: <strong>{result.imported}</strong> placements imported, <strong className={result.rejected ? 'error' : ''}>{result.rejected}</strong> lines rejected.</p>
          {result.errors.length > 0 ? (
            <table aria-label="Rejected sector lines">
              <thead><tr><th scope="col">Line</th><th scope="col">Problem</th></tr></thead>
              <tbody>{result.errors.slice(0, ERRORS_SHOWN).map((e) => <tr key={e.line}><td className="num">{e.line}</td><td>{e.message}</td></tr>)}</tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
