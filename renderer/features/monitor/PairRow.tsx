import { memo, type ReactNode } from 'react';
import type { Opportunity, VenuePair } from '../../../shared/domain/signals.ts';
import { Rate } from '../../ui/Rate.tsx';
import type { Column } from './columns.ts';
import { OffGridLegs } from './OffGridLegs.tsx';
import { Basis } from './MonitorRow.tsx';
import { NextSettlement } from './NextSettlement.tsx';
import { pairSideLabel } from '../../../shared/funding/spread.ts';

interface PairRowProps {
  row: Opportunity;
  pair: VenuePair;
  /** 2 or 3: the pair's place after the row's best. */
  nth: number;
  index: number;
  columns: readonly Column[];
  template: string;
  width: number;
  top: number;
  windowMinutes: number;
}

const ORDINAL: Record<number, string> = { 2: '2nd', 3: '3rd' };

/** A pair's figures under its asset's columns; the best pair's size (OI, volume) and the asset-wide ones (regime…) are the row's above. */
function pairCell(column: Column, columns: readonly Column[], pair: VenuePair, row: Opportunity, nth: number, windowMinutes: number): ReactNode {
  if (column.venue) {
    if (column.venue === pair.longVenue) return <span className="venue-long">long</span>;
    if (column.venue === pair.shortVenue) return <span className="venue-short">short</span>;
    return null;
  }
  switch (column.id) {
    case 'rank': return <span className="num muted">{ORDINAL[nth]}</span>;
    case 'base': return <span className="muted">↳ <OffGridLegs legs={row.legs} longVenue={pair.longVenue} shortVenue={pair.shortVenue} columns={columns} fallback={row.base} /></span>;
    case 'spread': return <Rate value={pair.spreadPer8h} />;
    case 'apr': return <Rate value={pair.spreadApr} digits={1} />;
    case 'long': return <span className="venue-long" title={pairSideLabel(row.legs, pair.longVenue, 'buy')}>{pairSideLabel(row.legs, pair.longVenue, 'buy', 'short')}</span>;
    case 'short': return <span className="venue-short" title={pairSideLabel(row.legs, pair.shortVenue, 'sell')}>{pairSideLabel(row.legs, pair.shortVenue, 'sell', 'short')}</span>;
    case 'carry': return <Rate value={pair.netCarryPerDay} digits={3} />;
    case 'basis': return <Basis basis={pair.basis} />;
    case 'next': return <NextSettlement pair={pair} windowMinutes={windowMinutes} />;
    case 'edge': return <span className="muted" title="The expected edge under decay is computed for the best pair only">·</span>;
    default: return null;
  }
}

/** The 2nd or 3rd best venue pair of an expanded asset row, in the grid's own columns. */
export const PairRow = memo(function PairRow({ row, pair, nth, index, columns, template, width, top, windowMinutes }: PairRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-label={`${row.base} ${ORDINAL[nth]} pair: long ${pairSideLabel(row.legs, pair.longVenue, 'buy')}, short ${pairSideLabel(row.legs, pair.shortVenue, 'sell')}`}
      className="grid-row pair-row"
      style={{ gridTemplateColumns: template, width, top }}
    >
      {columns.map((c, i) => (
        <div role="gridcell" aria-colindex={i + 1} key={c.id} className={`cell cell-${c.id}${c.numeric ? ' numeric' : ''}`}>
          {pairCell(c, columns, pair, row, nth, windowMinutes)}
        </div>
      ))}
    </div>
  );
});
