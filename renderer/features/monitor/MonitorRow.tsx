import { memo, type ReactNode } from 'react';
import type { Leg, Opportunity, SpreadDecay } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { REGIME_LABELS } from '../../../shared/funding/regime.ts';
import { formatAge, formatHours, formatPct, formatUsdCompact, signClass } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import type { Column } from './columns.ts';
import { legFor } from './rowOrder.ts';
import { pairSideLabel } from '../../../shared/funding/spread.ts';
import { NextSettlement } from './NextSettlement.tsx';
import { PaidCell } from './PaidCell.tsx';
import { CapacityCell } from './CapacityCell.tsx';
import { OffGridLegs } from './OffGridLegs.tsx';
import { heatLevel } from './rowMarks.ts';
import { clockNow } from '../../store/clockStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { sameCell, sameData, sameRowView } from './cellReads.ts';

interface MonitorRowProps {
  row: Opportunity;
  /** Total width in px: rows are size-contained, so they need it explicitly. */
  width: number;
  index: number;
  columns: readonly Column[];
  template: string;
  top: number;
  selected: boolean;
  /** The trader holds a live pair on one of its listings (marked ◆ before the name). */
  held: boolean;
  /** Its other venue pairs are shown under it. */
  expanded: boolean;
  windowMinutes: number;
  onSelect(base: string): void;
  onOpen(base: string): void;
  onExpand(base: string, open: boolean): void;
}

const REGIME_SHORT: Record<NonNullable<Opportunity['regime']>, string> = {
  'extreme-bull': '▲▲ X-bull',
  'mild-bull': '▲ mild bull',
  'neutral-bear': '▼ neutral',
  'extreme-bear': '▼▼ X-bear',
};

/** The leg's quoted touch with its spread in % of the mid, or that the venue quoted none. */
function touchText(leg: Leg): string {
  if (!leg.bid || !leg.ask) return 'no bid/ask quoted';
  return `bid ${leg.bid} / ask ${leg.ask} (spread ${formatPct((leg.ask - leg.bid) / ((leg.ask + leg.bid) / 2), 3)})`;
}

function legTitle(leg: Leg, role: 'long' | 'short' | null, now: number): string {
  return (
    `${leg.symbol}: ${formatPct(leg.rate, 4)} per ${leg.intervalHours} h (${leg.rateKind}), ` +
    `${formatPct(leg.ratePer8h, 4)} /8h, ${formatPct(leg.apr, 1)} APR; ${touchText(leg)}; data ${formatAge(now - leg.observedAt)} old` +
    (leg.stale ? ' — STALE, not used for signals' : '') +
    (role ? ` — ${role} leg` : '')
  );
}

/** The leg as it is now (the cell may show an older object whose figures read the same). */
function currentLeg(base: string, venue: VenueId, shown: Leg): Leg {
  const row = useSignals.getState().rows.get(base);
  return (row && legFor(row, venue)) ?? shown;
}

/**
 * Kept to few elements (the long/short arrow only on those two legs): the monitor mounts rows
 * while scrolling, and every element counts. The p/s marker is drawn from `data-kind` by CSS; the title says it in words.
 */
function LegCellView({ leg, role, base, venue }: { leg: Leg | null; role: 'long' | 'short' | null; base: string; venue: VenueId }) {
  if (!leg) return <span className="muted" title="not listed on this venue">–</span>;
  return (
    <span
      className={`leg num ${signClass(leg.ratePer8h)} heat-${heatLevel(leg.ratePer8h)}${leg.stale ? ' stale' : ''}`}
      data-kind={leg.rateKind === 'predicted' ? 'p' : 's'}
      title={legTitle(leg, role, leg.observedAt)}
      // The age is computed on hover, so rows need not re-render every second (nor on every
      // poll that only moves the quote's time) to keep it true.
      onMouseEnter={(e) => (e.currentTarget.title = legTitle(currentLeg(base, venue, leg), role, clockNow()))}
    >
      {role ? <span className={`leg-${role}`}>{role === 'long' ? '▲' : '▼'}</span> : null}
      {formatPct(leg.ratePer8h)}
      <span className={`interval i${leg.intervalHours}`}>{leg.intervalHours}h</span>
      {leg.stale ? <span className="stale-mark" aria-label="stale">◷</span> : null}
    </span>
  );
}

/** A venue cell re-renders when its leg's figures or its role change, not when only the quote's time moved. */
const LegCell = memo(LegCellView, (a, b) => a.role === b.role && a.base === b.base && a.venue === b.venue && sameData(a.leg, b.leg));

function Velocity({ perHour }: { perHour: number | null }) {
  if (perHour === null) return <span className="muted" title="not enough history yet">–</span>;
  const arrow = perHour > 0 ? '▲' : perHour < 0 ? '▼' : '→';
  return <Rate value={perHour} digits={4} unit={arrow} />;
}

const ALIGNMENT_MARK = { confirmed: '✓ conf', contradicted: '✗ trap', neutral: '·' } as const;

function Signal({ row }: { row: Opportunity }) {
  const a = row.alignment;
  return (
    <>
      {row.triggered ? <span className="trigger" title="spread at or above the trigger">●TRIG </span> : null}
      {a ? (
        <span className={`align align-${a.tag}`} title={`${a.tag}${a.sector ? ` by ${a.sector}` : ''}: ${a.reason}`}>
          {ALIGNMENT_MARK[a.tag]}
        </span>
      ) : null}
    </>
  );
}

function decayTitle(d: SpreadDecay): string {
  const realised = (v: number | null) => (v === null ? '–' : `${formatPct(v, 4)} /8h`);
  const how = d.source === 'fit' ? `fitted on ${d.n} 8-h points` : `conservative default (${d.reason})`;
  return `Spread decay: ${how}; half-life ${formatHours(d.halfLifeHours)} towards ${formatPct(d.levelPer8h, 4)} /8h; realised spread 1 d ${realised(d.realisedPer8h.d1)}, 3 d ${realised(d.realisedPer8h.d3)}, 7 d ${realised(d.realisedPer8h.d7)}`;
}

/** What the expected edge is made of, over the planned holding period, in % of one leg notional. */
/** Which legs' venues stated no bid and ask, in words; '' when both did. */
function defaultSpreadNote(row: Opportunity, legs: readonly ('long' | 'short')[]): string {
  if (legs.length === 0) return '';
  const venues = legs.map((leg) => (leg === 'long' ? row.longVenue : row.shortVenue)).join(' and ');
  return ` No bid/ask quoted on ${venues}: 0.05% half-spread assumed each way.`;
}

function carryTitle(row: Opportunity): string {
  const c = row.carry;
  if (!c) return 'No pair to trade';
  return `Over ${formatHours(c.holdingHours)}: expected funding ${formatPct(c.expectedFunding, 3)} − fees in and out ${formatPct(c.fees, 3)} − bid/ask half-spread in and out ${formatPct(c.crossing, 3)} − entry basis ${formatPct(c.entryBasis, 3)} = ${formatPct(c.net, 3)} of notional, at the touch (the ticket adds slippage beyond it at size).${defaultSpreadNote(row, c.defaultSpreadLegs)} ${decayTitle(c.decay)}`;
}

/** The row's Exp. net, marked ≈ where a leg's crossing is the assumed default, not a quoted spread. */
function ExpectedNet({ row }: { row: Opportunity }) {
  const assumed = (row.carry?.defaultSpreadLegs.length ?? 0) > 0;
  return (
    <span title={carryTitle(row)}>
      {assumed && <span className="muted" aria-label="spread assumed">≈</span>}
      <Rate value={row.expectedNetPerDay ?? null} digits={3} />
    </span>
  );
}

/**
 * The ▸/▾ glyph is drawn by CSS, so the cell's text stays the asset's name. Not a tab stop:
 * the grid is one, and → / ← open and close the cursor row (a grid's cells do not each take Tab).
 */
function Expander({ row, expanded, onExpand }: { row: Opportunity; expanded: boolean; onExpand(base: string, open: boolean): void }) {
  const n = row.otherPairs?.length ?? 0;
  if (n === 0) return <span className="expander" aria-hidden="true" />;
  return (
    <button
      className="expander"
      tabIndex={-1}
      aria-expanded={expanded}
      aria-label={`${expanded ? 'Hide' : 'Show'} ${row.base}'s next ${n} venue pair${n > 1 ? 's' : ''}`}
      title="Other venue pairs (→ / ←)"
      onClick={(e) => { e.stopPropagation(); onExpand(row.base, !expanded); }}
    />
  );
}

/** A basis in % with its sign; the z-score beside it in σ. */
export function Basis({ basis }: { basis: number | null | undefined }) {
  return <Rate value={basis ?? null} digits={3} />;
}

function BasisZ({ z }: { z: number | null | undefined }) {
  if (z === null || z === undefined) return <span className="muted" title="fewer than 30 minutes of this pair's basis kept">–</span>;
  return <span className={`num ${Math.abs(z) >= 2 ? 'warn' : ''}`}>{`${z > 0 ? '+' : z < 0 ? '−' : ''}${Math.abs(z).toFixed(1)}`}</span>;
}

function cellContent(column: Column, columns: readonly Column[], row: Opportunity, windowMinutes: number, expander: ReactNode, held: boolean): ReactNode {
  if (column.venue) {
    const leg = legFor(row, column.venue);
    const role = column.venue === row.longVenue ? 'long' : column.venue === row.shortVenue ? 'short' : null;
    return <LegCell leg={leg} role={role} base={row.base} venue={column.venue} />;
  }
  switch (column.id) {
    case 'rank': return <span className="num muted">{row.rank}</span>;
    case 'base': return <>{expander}<strong title={held ? `You hold a live pair in ${row.base} (Positions, 7)` : undefined}>{row.base}</strong><OffGridLegs legs={row.legs} longVenue={row.longVenue as VenueId | null} shortVenue={row.shortVenue as VenueId | null} columns={columns} /></>;
    case 'oi': return <span className="num">{formatUsdCompact(row.openInterestUsd ?? null)}</span>;
    case 'volume': return <span className="num">{formatUsdCompact(row.volume24hUsd ?? null)}</span>;
    case 'capacity': return <CapacityCell row={row} />;
    case 'basis': return <Basis basis={row.basis} />;
    case 'basisZ': return <BasisZ z={row.basisZ} />;
    case 'spread': return <Rate value={row.spreadPer8h} />;
    case 'apr': return <Rate value={row.spreadApr} digits={1} />;
    case 'long': return row.longVenue ? <span className="venue-long" title={pairSideLabel(row.legs, row.longVenue as VenueId, 'buy')}>{pairSideLabel(row.legs, row.longVenue as VenueId, 'buy', 'short')}</span> : '–';
    case 'short': return row.shortVenue ? <span className="venue-short" title={pairSideLabel(row.legs, row.shortVenue as VenueId, 'sell')}>{pairSideLabel(row.legs, row.shortVenue as VenueId, 'sell', 'short')}</span> : '–';
    case 'edge': return <ExpectedNet row={row} />;
    case 'carry': return <Rate value={row.netCarryPerDay} digits={3} />;
    case 'paid': return <PaidCell row={row} />;
    case 'history': return row.carry ? <span className="num muted" title={decayTitle(row.carry.decay)}>{row.carry.decay.n}{row.carry.decay.source === 'fit' ? '' : ' d'}</span> : '–';
    case 'breakEven': return <span className="num">{formatHours(row.breakEvenHours)}</span>;
    case 'next': return <NextSettlement pair={row} windowMinutes={windowMinutes} />;
    case 'velocity': return <Velocity perHour={row.velocity.h1} />;
    case 'regime':
      return row.regime ? (
        <span className={`regime regime-${row.regime}`} title={`${REGIME_LABELS[row.regime]}; mean ${formatPct(row.meanPer8h)} /8h; in this regime ${formatHours(row.persistenceHours)}`}>
          {REGIME_SHORT[row.regime]}
        </span>
      ) : '–';
    case 'signal': return <Signal row={row} />;
    default: return null;
  }
}

interface GridCellProps {
  column: Column;
  index: number;
  columns: readonly Column[];
  row: Opportunity;
  windowMinutes: number;
  held: boolean;
  expanded: boolean;
  onExpand(base: string, open: boolean): void;
}

/** One cell; re-renders only when what it reads of the row changed (cellReads.ts) or its context did. */
const GridCell = memo(
  function GridCell({ column, index, columns, row, windowMinutes, held, expanded, onExpand }: GridCellProps) {
    const expander = column.id === 'base' ? <Expander row={row} expanded={expanded} onExpand={onExpand} /> : null;
    return (
      <div role="gridcell" aria-colindex={index + 1} className={`cell cell-${column.id}${column.numeric ? ' numeric' : ''}`}>
        {cellContent(column, columns, row, windowMinutes, expander, held)}
      </div>
    );
  },
  (a, b) => a.column === b.column && a.index === b.index && a.columns === b.columns && a.windowMinutes === b.windowMinutes &&
    a.held === b.held && a.expanded === b.expanded && a.onExpand === b.onExpand && sameCell(a.column, a.row, b.row),
);

function sameRowProps(a: MonitorRowProps, b: MonitorRowProps): boolean {
  return a.index === b.index && a.columns === b.columns && a.template === b.template && a.width === b.width && a.top === b.top &&
    a.selected === b.selected && a.held === b.held && a.expanded === b.expanded && a.windowMinutes === b.windowMinutes &&
    a.onSelect === b.onSelect && a.onOpen === b.onOpen && a.onExpand === b.onExpand && sameRowView(a.columns, a.row, b.row);
}

/**
 * One asset row. Re-renders when what it shows of its row changed (a batch replaces the row
 * object even when only a quote's time moved) or its selection did, and then only the cells
 * whose figures changed; only the countdown follows the clock.
 */
export const MonitorRow = memo(function MonitorRow(props: MonitorRowProps) {
  const { row, index, columns, template, width, top, selected, held, expanded, windowMinutes, onSelect, onOpen, onExpand } = props;
  const allStale = row.legs.length > 0 && row.legs.every((l) => l.stale);
  return (
    <div
      role="row"
      id={`monitor-row-${row.base}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-expanded={row.otherPairs?.length ? expanded : undefined}
      className={`grid-row${selected ? ' selected' : ''}${row.triggered ? ' triggered' : ''}${held ? ' held' : ''}${allStale ? ' stale' : ''}`}
      style={{ gridTemplateColumns: template, width, top }}
      onClick={() => onSelect(row.base)}
      onDoubleClick={() => onOpen(row.base)}
    >
      {columns.map((c, i) => (
        <GridCell key={c.id} column={c} index={i} columns={columns} row={row} windowMinutes={windowMinutes} held={c.id === 'base' && held} expanded={c.id === 'base' && expanded} onExpand={onExpand} />
      ))}
    </div>
  );
}, sameRowProps);
