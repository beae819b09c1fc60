import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { useMonitorView, type SortSpec } from '../../store/monitorViewStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { isModalOpen, isTyping } from '../../ui/keyFocus.ts';
import { HEADER_HEIGHT, ROW_HEIGHT, assetLeft, fitColumns, gridTemplate, type Column } from './columns.ts';
import { MonitorRow } from './MonitorRow.tsx';
import { heldLegs, isHeld } from './rowMarks.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { PairRow } from './PairRow.tsx';
import { gridLines, type GridLine } from './gridLines.ts';
import { scrollToReveal, visibleRange } from './virtualRange.ts';

/** The grid's element id: the search box hands the keyboard to it (↓). */
export const GRID_ID = 'monitor-grid';
const OVERSCAN = 4;
/** Rows per render block: the grid re-renders when the viewport crosses a block boundary. */
const BLOCK = 4;

interface MonitorGridProps {
  rows: readonly Opportunity[];
  /** Every column; the grid shows those that fit its width (fitColumns). */
  columns: readonly Column[];
  hidden: ReadonlySet<string>;
  /** Columns the trader turned on by hand: they never give way for room. */
  chosen: ReadonlySet<string>;
  /** The ids left out for want of room, for the column chooser to say so. */
  onDropped(ids: readonly string[]): void;
  sort: SortSpec;
  windowMinutes: number;
}

function ariaSort(column: Column, sort: SortSpec): 'ascending' | 'descending' | 'none' | undefined {
  if (!column.sortKey) return undefined;
  if (column.sortKey !== sort.key) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** Keys that move the cursor, from the current index (-1: no cursor yet) and the page size. */
function cursorTarget(key: string, index: number, page: number, total: number): number | null {
  switch (key) {
    case 'j': case 'ArrowDown': return Math.min(total - 1, index + 1);
    case 'k': case 'ArrowUp': return Math.max(0, index - 1);
    // from no cursor, a page down lands on the last row of the first page
    case 'PageDown': return Math.min(total - 1, index + page);
    case 'PageUp': return Math.max(0, index - page);
    case 'Home': case 'g': return 0;
    case 'End': case 'G': return total - 1;
    default: return null;
  }
}

/** → shows the cursor row's other venue pairs, ← hides them; null for other keys. */
function expandKey(key: string): boolean | null {
  return key === 'ArrowRight' ? true : key === 'ArrowLeft' ? false : null;
}

/**
 * The virtualised monitor grid: a fixed row height, only the rows in view (plus a few) in the
 * DOM, each positioned by its index. ARIA row indices tell assistive tech (and tests) where a
 * rendered row sits in the full list.
 */
export function MonitorGrid({ rows, columns: all, hidden, chosen, onDropped, sort, windowMinutes }: MonitorGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [gridWidth, setGridWidth] = useState(1200);
  const fitted = useMemo(() => fitColumns(all, gridWidth, hidden, chosen), [all, gridWidth, hidden, chosen]);
  const columns = fitted.shown;
  const droppedKey = fitted.dropped.join(',');
  useEffect(() => onDropped(droppedKey ? droppedKey.split(',') : []), [droppedKey, onDropped]);
  const cursor = useMonitorView((s) => s.cursor);
  const setCursor = useMonitorView((s) => s.setCursor);
  const expanded = useMonitorView((s) => s.expanded);
  const setExpanded = useMonitorView((s) => s.setExpanded);
  const { lines, lineOf } = useMemo(() => gridLines(rows, expanded), [rows, expanded]);
  const pairs = usePositions((s) => s.pairs);
  const held = useMemo(() => heldLegs(pairs), [pairs]);
  const setSort = useMonitorView((s) => s.setSort);
  const openSymbol = useUi((s) => s.openSymbol);
  const template = gridTemplate(columns);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const bodyHeight = Math.max(0, viewport - HEADER_HEIGHT);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // clientWidth leaves out the vertical scrollbar: the columns fit beside it.
    const measure = (): void => {
      setViewport(el.clientHeight);
      setGridWidth(el.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  const cursorIndex = cursor === null ? -1 : rows.findIndex((r) => r.base === cursor);

  const moveTo = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el || rows.length === 0) return;
      setCursor(rows[index].base);
      const top = scrollToReveal(lineOf(index), el.scrollTop, bodyHeight, ROW_HEIGHT);
      if (top !== null) el.scrollTop = top;
    },
    [rows, lineOf, bodyHeight, setCursor],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || isModalOpen() || rows.length === 0) return;
      // Enter on a button or a box is that control's own; elsewhere it opens the cursor's row.
      if (e.key === 'Enter' && cursorIndex >= 0 && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        openSymbol(rows[cursorIndex].base);
        return;
      }
      const open = expandKey(e.key);
      if (open !== null && cursorIndex >= 0 && rows[cursorIndex].otherPairs?.length) {
        e.preventDefault();
        setExpanded(rows[cursorIndex].base, open);
        return;
      }
      const target = cursorTarget(e.key, cursorIndex, Math.floor(bodyHeight / ROW_HEIGHT), rows.length);
      if (target === null) return;
      e.preventDefault();
      moveTo(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursorIndex, bodyHeight, moveTo, openSymbol, setExpanded]);

  // scrollTop is kept quantised to a block, so the range covers the block's extra rows too.
  const range = visibleRange(scrollTop, bodyHeight + BLOCK * ROW_HEIGHT, ROW_HEIGHT, lines.length, OVERSCAN);
  const rendered: GridLine[] = lines.slice(range.start, range.end);
  const cursorLine = cursorIndex >= 0 ? lineOf(cursorIndex) : -1;

  return (
    <div
      ref={scrollRef}
      id={GRID_ID}
      role="grid"
      aria-label="Funding monitor: one row per asset, rates per 8 hours"
      aria-rowcount={lines.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={cursorLine >= range.start && cursorLine < range.end ? `monitor-row-${rows[cursorIndex].base}` : undefined}
      tabIndex={0}
      className="grid"
      style={{ '--asset-left': `${assetLeft(columns)}px` } as CSSProperties}
      onScroll={(e) => {
        // Quantised to whole blocks: the state, and so a render, changes only when the block does
        // (compared here: a same-value setState can still render the grid once more).
        const block = Math.floor(e.currentTarget.scrollTop / (BLOCK * ROW_HEIGHT)) * BLOCK * ROW_HEIGHT;
        if (block !== scrollTop) setScrollTop(block);
      }}
    >
      <div role="row" aria-rowindex={1} className="grid-header" style={{ gridTemplateColumns: template, width, height: HEADER_HEIGHT }}>
        {columns.map((c, i) => (
          <div role="columnheader" aria-colindex={i + 1} aria-sort={ariaSort(c, sort)} key={c.id} className={`cell head-${c.id}${c.numeric ? ' numeric' : ''}`} title={c.title}>
            {c.sortKey ? (
              <button className="sort" onClick={() => setSort(c.sortKey!)} aria-label={`${c.label}${c.unit ? ` (${c.unit})` : ''}: sort`}>
                <span>{c.label}</span>
                <span className="unit">{c.unit}{sort.key === c.sortKey ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}</span>
              </button>
            ) : (
              <span className="static-head">
                <span>{c.label}</span>
                <span className="unit">{c.unit}</span>
              </span>
            )}
          </div>
        ))}
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: lines.length * ROW_HEIGHT, width }}>
        {rendered.map((line, i) => {
          const index = range.start + i;
          const shared = { index, top: index * ROW_HEIGHT, columns, template, width, windowMinutes };
          return line.kind === 'pair' ? (
            <PairRow key={`${line.row.base}#${line.nth}`} row={line.row} pair={line.pair} nth={line.nth} {...shared} />
          ) : (
            <MonitorRow
              key={line.row.base}
              row={line.row}
              {...shared}
              selected={line.row.base === cursor}
              held={isHeld(line.row, held)}
              expanded={expanded.has(line.row.base)}
              onSelect={setCursor}
              onOpen={openSymbol}
              onExpand={setExpanded}
            />
          );
        })}
      </div>
    </div>
  );
}
