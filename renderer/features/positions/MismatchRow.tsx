import type { HoldingMismatch, Pair } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { formatUtcTime } from '../../ui/format.ts';
import { clockNow } from '../../store/clockStore.ts';

/** The restore button's accessible name: what it sends, where. */
export function restoreLabel(mismatch: HoldingMismatch): string {
  const restore = mismatch.restore!;
  return `Restore approved size on ${VENUES[mismatch.venue].label} ${mismatch.symbol}: reduce-only ${restore.side} ${restore.quantity}`;
}

/**
 * A leg whose venue holds other than approved (docs/units.md, "Checked at run time"): the
 * difference in words, since when, and the reduce-only order that restores the approved size
 * when one can be offered, else why not.
 */
export function MismatchRow({ pair, mismatch, columns, onRestore }: {
  pair: Pair; mismatch: HoldingMismatch; columns: number; onRestore?: (pair: Pair, mismatch: HoldingMismatch) => void;
}) {
  return (
    <tr className="mismatch-row">
      <td colSpan={columns}>
        <strong className="unhedged-flag" role="alert">⚠ MISMATCH — {mismatch.reason}</strong>{' '}
        <span className="muted">since {formatUtcTime(mismatch.since, clockNow())}</span>{' '}
        {mismatch.restore !== null && onRestore
          ? <button className="danger" onClick={() => onRestore(pair, mismatch)} aria-label={restoreLabel(mismatch)} title={mismatch.restoreNote}>Restore approved size</button>
          : <span className="warn">{mismatch.restoreNote}</span>}
      </td>
    </tr>
  );
}
