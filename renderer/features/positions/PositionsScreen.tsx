import { useState } from 'react';
import type { HoldingMismatch, Pair, PositionLeg } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import type { RequestOutput } from '../../../shared/ipc/contract.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Countdown } from '../fundingWindows/Countdown.tsx';
import { formatUsd, formatUtcTime, signClass } from '../../ui/format.ts';
import { isFlat, orderPairs } from './pairOrder.ts';
import { exitProgress, exitWatchText } from './exitWatchText.ts';
import { TradingStyles } from '../ticket/TradingStyles.tsx';
import { MismatchRow } from './MismatchRow.tsx';
import { PortfolioBar } from './PortfolioBar.tsx';
import { useRestore } from './useRestore.tsx';
import { clockNow } from '../../store/clockStore.ts';

// Prices carry their unit in the header, so the row fits 1280 px with notional and leverage at its end.
const HEADS = ['Leg', 'Size (coins)', 'Entry (USD)', 'Mark (USD)', 'Price PnL', 'Funding PnL', 'Fees', 'Net', 'Liq. USD (distance)', 'Settles in', 'Next pays', 'Notional (lev.)'];

const num = (v: number | null): string => (v === null ? '–' : v.toPrecision(7));

function Usd({ value }: { value: number | null }) {
  return <td className={`num ${signClass(value)}`}>{formatUsd(value)}</td>;
}

function LegRow({ leg }: { leg: PositionLeg }) {
  return (
    <tr className={leg.unreachable ? 'leg-unreachable' : undefined}>
      <th scope="row">
        {VENUES[leg.venue].label} <span className="leg-symbol">{leg.symbol}</span>
        {leg.unreachable ? (
          <>
            {' '}<strong className="unhedged-flag" role="alert" title={leg.unreachable} aria-label={`${VENUES[leg.venue].label} unreachable: size by the journal, unverified (${leg.unreachable})`}>
              ⚠ {VENUES[leg.venue].label} unreachable — size by the journal
            </strong>
          </>
        ) : null}
      </th>
      <td className={`num ${signClass(leg.size)}`}>{leg.size > 0 ? '▲ +' : leg.size < 0 ? '▼ ' : ''}{+leg.size.toPrecision(8)}</td>
      <td className="num">{num(leg.entryPrice)}</td>
      <td className="num">{num(leg.markPrice)}</td>
      <Usd value={leg.pricePnl} />
      <Usd value={leg.fundingPnl} />
      <Usd value={-Math.abs(leg.fees)} />
      <Usd value={leg.net} />
      <td className={`num wraps${leg.liquidationDistancePct !== null && leg.liquidationDistancePct < 0.1 ? ' warn' : ''}`}>
        <span className="leg-figure">{leg.liquidationPrice === null ? '–' : num(leg.liquidationPrice)}</span>{leg.liquidationDistancePct === null ? '' : <span className="leg-note"> ({(leg.liquidationDistancePct * 100).toFixed(2)} %)</span>}
      </td>
      <td className="num"><Countdown at={leg.nextFundingTime} windowMinutes={15} /></td>
      <Usd value={leg.nextPayment} />
      <td className="num wraps"><span className="leg-figure">{formatUsd(leg.notionalUsd)}</span>{leg.leverage === null ? '' : <span className="leg-note"> ({leg.leverage}×)</span>}</td>
    </tr>
  );
}

/** The pair's figure: its legs' summed (the head row lines up with the leg columns). */
function total(pair: Pair, pick: (leg: PositionLeg) => number): number {
  return pair.legs.reduce((sum, leg) => sum + pick(leg), 0);
}

/** The pair's armed exits and their distance from firing, under its legs. */
function ExitRow({ pair }: { pair: Pair }) {
  if (pair.exitWatch.length === 0) return null;
  const now = clockNow();
  return (
    <tr className="exit-row">
      <td colSpan={HEADS.length}>
        <ul className="exit-watch" aria-label={`Exits of pair ${pair.pairId}`}>
          {pair.exitWatch.map((watch) => {
            const near = (exitProgress(watch) ?? 0) >= 0.8;
            return <li key={watch.rule} className={watch.firedAt !== null ? 'fired' : near ? 'near' : 'muted'}>{exitWatchText(watch, now)}</li>;
          })}
        </ul>
      </td>
    </tr>
  );
}

type OnRestore = (pair: Pair, mismatch: HoldingMismatch) => void;

function PairBlock({ pair, onClose, onRestore }: { pair: Pair; onClose?: (pair: Pair) => void; onRestore: OnRestore }) {
  const unhedged = pair.status === 'unhedged';
  return (
    <tbody className={`pair pair-${pair.status}`} aria-label={`Pair ${pair.pairId} ${pair.status}`}>
      <tr className="pair-head">
        <th scope="rowgroup" colSpan={4}>
          {unhedged ? <strong className="unhedged-flag" role="alert">⚠ UNHEDGED — {pair.unhedgedReason ?? 'one leg is open without its hedge'}</strong> : null}{' '}
          {pair.pairId} <span className={`status status-${pair.status}`}>{pair.status.toUpperCase()}</span>{' '}
          <span className="muted">opened {formatUtcTime(pair.openedAt, clockNow())}{pair.alignment ? ` · ${pair.alignment}` : ''}</span>{' '}
          <span className={pair.deltaDrift === 0 ? 'muted' : 'warn'}>delta drift {+pair.deltaDrift.toPrecision(6)} coins</span>
        </th>
        <Usd value={total(pair, (leg) => leg.pricePnl)} />
        <Usd value={total(pair, (leg) => leg.fundingPnl)} />
        <Usd value={total(pair, (leg) => -Math.abs(leg.fees))} />
        <Usd value={pair.net} />
        <td colSpan={2}>
          {onClose ? <button className="danger" onClick={() => onClose(pair)} aria-label={`Close pair ${pair.pairId}`}>Close pair</button> : null}
        </td>
        <Usd value={pair.legs.some((leg) => leg.nextPayment !== null) ? total(pair, (leg) => leg.nextPayment ?? 0) : null} />
        <td className="num" title="the larger leg's">{formatUsd(Math.max(0, ...pair.legs.map((leg) => leg.notionalUsd)))}</td>
      </tr>
      {pair.mismatches.map((m) => <MismatchRow key={`${m.venue}:${m.symbol}`} pair={pair} mismatch={m} columns={HEADS.length} onRestore={onRestore} />)}
      {pair.legs.map((leg) => <LegRow key={`${leg.venue}:${leg.symbol}`} leg={leg} />)}
      <ExitRow pair={pair} />
    </tbody>
  );
}

/** Open pairs with their legs and PnL split price / funding / fees, as main computes them. */
export function PositionsScreen() {
  const bridge = useBridge();
  const { pairs, loaded, error } = usePositions();
  const [closing, setClosing] = useState<Pair | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RequestOutput<'positions.close'> | null>(null);
  const [closeError, setCloseError] = useState<string | null>(null);
  const { live, done } = orderPairs(pairs);
  const restore = useRestore();

  const close = async (pair: Pair): Promise<void> => {
    setBusy(true);
    setCloseError(null);
    try {
      setResult(await bridge.invoke('positions.close', { pairId: pair.pairId }));
      setClosing(null);
    } catch (err) {
      setCloseError(`Close of ${pair.pairId} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen positions" aria-label="Positions">
      <TradingStyles />
      <div className="screen-head toolbar">
        <h1>Positions</h1>
        <span role="status" aria-label="Exposure state" className={isFlat(pairs) ? 'ok' : 'warn'}>
          {!loaded ? 'loading…' : isFlat(pairs) ? 'FLAT — no open position' : `${live.length} live pair(s)`}
        </span>
        {error ? <span className="error" role="alert">{error}</span> : null}
        {result ? <span role="status" aria-label="Close result">{result.status}: {result.message}</span> : null}
        {closeError && !closing ? <span className="error" role="alert">{closeError}</span> : null}
        {restore.status}
      </div>
      <PortfolioBar />
      <table className="positions-table" aria-label="Open pairs">
        <thead><tr>{HEADS.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        {live.map((p) => <PairBlock key={p.pairId} pair={p} onClose={setClosing} onRestore={restore.ask} />)}
      </table>
      {done.length ? (
        <details>
          <summary>Closed and failed pairs ({done.length})</summary>
          <table className="positions-table" aria-label="Closed pairs">
            <thead><tr>{HEADS.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            {done.map((p) => <PairBlock key={p.pairId} pair={p} onRestore={restore.ask} />)}
          </table>
        </details>
      ) : null}
      {restore.dialog}
      {closing ? (
        <ConfirmDialog title={`Close pair ${closing.pairId}?`} confirmLabel="Close pair" danger busy={busy} onConfirm={() => void close(closing)} onCancel={() => setClosing(null)}>
          <p>Sends reduce-only market orders for every open leg of this pair through the order gateway.</p>
          {closeError ? <p className="error" role="alert">{closeError}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
