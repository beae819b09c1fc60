import { useState, type ReactNode } from 'react';
import type { ImportResult } from '../../shared/ipc/contract.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';

const ERRORS_SHOWN = 200;

interface CsvImportProps {
  /** Names the section, the file input ("<title> file") and the result ("<title> result"). */
  title: string;
  /** Heading level: 2 for a section of its own on a screen, 3 inside another section. */
  level?: 2 | 3;
  hint: ReactNode;
  /** Resolves to null when the trader declined a question the import asked (nothing was written). */
  send(file: { fileName: string; text: string }): Promise<ImportResult | null>;
  onImported?(result: ImportResult): void;
}

/**
 * A CSV file sent to the backend, which parses it; what it rejected is listed by line number.
 * The one import control: funding history, price history and the sector map.
 */
export function CsvImport({ title, level = 3, hint, send, onImported }: CsvImportProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    setError(null);
    setResult(null);
    setCancelled(null);
    try {
      const r = await send({ fileName: file.name, text: await file.text() });
      if (r === null) {
        setCancelled(file.name);
        return;
      }
      setResult(r);
      onImported?.(r);
    } catch (err) {
      setError(`Import of ${file.name} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="csv-import" aria-label={title}>
      <Heading>{title}</Heading>
      <p className="muted small">{hint}</p>
      <input type="file" accept=".csv,text/csv" aria-label={`${title} file`} disabled={busy} onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that the same file, once fixed, can be chosen again.
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {busy ? <span role="status"> Importing…</span> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      {cancelled ? <p role="status" aria-label={`${title} result`}>{cancelled}: not imported, nothing written.</p> : null}
      {result ? (
        <div role="status" aria-label={`${title} result`}>
          <p>{result.fileName}: <strong>{result.imported}</strong> rows imported, <strong className={result.rejected ? 'error' : ''}>{result.rejected}</strong> lines rejected.</p>
          {result.errors.length > 0 ? (
            <table aria-label={`${title}: rejected lines`}>
              <thead><tr><th scope="col">Line</th><th scope="col">Problem</th></tr></thead>
              <tbody>{result.errors.slice(0, ERRORS_SHOWN).map((e) => <tr key={e.line}><td className="num">{e.line}</td><td>{e.message}</td></tr>)}</tbody>
            </table>
          ) : null}
          {result.errors.length > ERRORS_SHOWN ? <p className="muted">…and {result.errors.length - ERRORS_SHOWN} more.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
