import { useState } from 'react';
import type { ReconcileReport } from '../../../shared/domain/orders.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { formatUtcTime } from '../../ui/format.ts';

/** The journal against every connected venue, on demand; each difference is a sentence from main. */
export function ReconcileSection() {
  const bridge = useBridge();
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reconcile = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setReport(await bridge.invoke('trading.reconcile'));
    } catch (err) {
      setError(`Reconcile failed: ${errorMessage(err)}. The venues were not compared; try again or check them by hand.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="reconcile" aria-label="Reconcile">
      <h2>Reconcile</h2>
      <p className="muted small">Compares the journal's open pairs with the positions and orders each connected venue reports now.</p>
      <button onClick={() => void reconcile()} disabled={busy}>{busy ? 'Reconciling…' : 'Reconcile now'}</button>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {report ? (
        <div role="status" aria-label="Reconcile result">
          {report.differences.length === 0 ? (
            <p className="ok">✓ Checked at {formatUtcTime(report.checkedAt, report.checkedAt)}: the journal matches every connected venue.</p>
          ) : (
            <>
              <p className="error">✗ Checked at {formatUtcTime(report.checkedAt, report.checkedAt)}: {report.differences.length} {report.differences.length === 1 ? 'difference' : 'differences'} (also sent as critical alerts).</p>
              <ul>{report.differences.map((d, i) => <li key={i}>{d}</li>)}</ul>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
