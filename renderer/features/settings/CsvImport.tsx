import { useState } from 'react';
import type { ImportResult } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../app/bridgeContext.ts';

const ERRORS_SHOWN = 200;

/** Funding-history CSV import; the backend parses and reports bad rows by line number. */
export function CsvImport() {
  const bridge = useBridge();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await bridge.invoke('history.importCsv', { fileName: file.name, text: await file.text() }));
    } catch (err) {
      setError(`Import of ${file.name} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="csv-import" aria-label="Import funding history">
      <h2>Import funding history (CSV)</h2>
      <p className="muted">Header <code>venue,symbol,time,rate,interval_hours[,mark_price]</code>; time ISO-8601 or epoch ms UTC; rate decimal per interval.</p>
      <input type="file" accept=".csv,text/csv" aria-label="Funding history CSV file" disabled={busy} onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that choosing the same file again, after fixing it, imports again.
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {busy ? <span role="status"> Importing…</span> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {result ? (
        <div role="status" className="import-result">
          <p>
            {result.fileName}: <strong>{result.imported}</strong> rows imported, <strong className={result.rejected ? 'error' : ''}>{result.rejected}</strong> rejected.
          </p>
          {result.errors.length > 0 ? (
            <table aria-label="Rejected rows">
              <thead><tr><th scope="col">Line</th><th scope="col">Problem</th></tr></thead>
              <tbody>
                {result.errors.slice(0, ERRORS_SHOWN).map((e) => (
                  <tr key={e.line}><td className="num">{e.line}</td><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.errors.length > ERRORS_SHOWN ? <p className="muted">…and {result.errors.length - ERRORS_SHOWN} more.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
