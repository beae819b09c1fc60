import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { PairAccrual } from '../../../shared/funding/accrual.ts';
import { useAccrual } from '../../store/accrualStore.ts';
import { formatPct } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import { legFor } from './rowOrder.ts';

const SPARK_W = 40;
const SPARK_H = 14;

/** The week's per-bucket spread as one path (two elements a row: the monitor mounts rows while scrolling). */
function sparkPath(per8h: ReadonlyArray<number | null>): string | null {
  const known = per8h.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const lo = Math.min(0, ...known);
  const hi = Math.max(0, ...known);
  const span = hi - lo || 1;
  const step = SPARK_W / (per8h.length - 1);
  let path = '';
  let pen = 'M';
  per8h.forEach((v, k) => {
    if (v === null) { pen = 'M'; return; }
    path += `${pen}${(k * step).toFixed(1)} ${(SPARK_H - ((v - lo) / span) * SPARK_H).toFixed(1)}`;
    pen = 'L';
  });
  return path;
}

function coverageText(c: { counted: number; expected: number }): string {
  return `${c.counted} of ${c.expected} settlements`;
}

export function paidTitle(paid: PairAccrual): string {
  const [d1, d7, d30] = paid.sums;
  return `Collected by the best pair (short − long), % of one leg notional: 1 d ${formatPct(d1, 3)} (${coverageText(paid.coverage[0])}), ` +
    `7 d ${formatPct(d7, 3)} (${coverageText(paid.coverage[1])}), 30 d ${formatPct(d30, 3)} (${coverageText(paid.coverage[2])})`;
}

/** Paid 7d: the best pair's realised carry over the week, with its per-8-h spread as a line. */
export function PaidCell({ row }: { row: Opportunity }) {
  const long = row.longVenue ? legFor(row, row.longVenue) : null;
  const short = row.shortVenue ? legFor(row, row.shortVenue) : null;
  // The store answers one object per pair and read, so the cell re-renders when a read changes it.
  const paid = useAccrual((s) => (long && short ? s.pair({ venue: row.longVenue!, symbol: long.symbol }, { venue: row.shortVenue!, symbol: short.symbol }) : null));
  if (!paid) return <span className="muted" title="No settlement of this pair's legs stored or seen live in the last 7 days">–</span>;
  const partial = paid.coverage[1].counted < paid.coverage[1].expected;
  const path = sparkPath(paid.per8h);
  const title = paidTitle(paid);
  return (
    <span className={`paid${partial ? ' partial' : ''}`} title={title} aria-label={title}>
      <Rate value={paid.sums[1]} digits={3} />
      {path ? <svg className="spark" width={SPARK_W} height={SPARK_H} aria-hidden="true"><path d={path} /></svg> : null}
    </span>
  );
}
