import type { BacktestReport, BacktestTrade } from '../../../shared/domain/backtest.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { formatPct, formatUsd, signClass } from '../../ui/format.ts';
import { localTime } from '../journal/journalDetail.ts';
import { carryShare, exitName, hitRateText, periodText } from './backtestText.ts';

/** A USD figure in a column whose header carries the unit. */
const usd = (value: number): string => formatUsd(value).replace(/ USD$/, '');

function Money({ value, cost = false }: { value: number; cost?: boolean }) {
  return <td className={`num ${cost ? '' : signClass(value)}`}>{usd(value)}</td>;
}

const TOTAL_HEADS = ['Trades', 'Hit rate', 'Funding (USD)', 'Price PnL (USD)', 'Fees (USD)', 'Slippage (USD)', 'Net (USD)', 'Max drawdown (USD)', 'Expected carry (USD)', 'Realised ÷ expected'];

function Totals({ totals }: { totals: BacktestReport['totals'] }) {
  return (
    <table className="backtest-table totals" aria-label="Backtest totals">
      <thead><tr>{TOTAL_HEADS.map((h, i) => <th key={h} scope="col" className={i === 1 ? '' : 'num'}>{h}</th>)}</tr></thead>
      <tbody>
        <tr>
          <td className="num">{totals.trades}</td>
          <td>{hitRateText(totals)}</td>
          <Money value={totals.fundingUsd} />
          <Money value={totals.pricePnlUsd} />
          <Money value={totals.feesUsd} cost />
          <Money value={totals.slippageUsd} cost />
          <Money value={totals.netUsd} />
          <Money value={totals.maxDrawdownUsd} cost />
          <Money value={totals.expectedFundingUsd} />
          <td className="num">{carryShare(totals.realisedOverExpected)}</td>
        </tr>
      </tbody>
    </table>
  );
}

const TRADE_HEADS: ReadonlyArray<[string, boolean]> = [
  ['Opened (local)', false], ['Closed (local)', false], ['Asset', false], ['Long', false], ['Short', false], ['Exit', false],
  ['Spread at entry (% /8h)', true], ['Funding (USD)', true], ['Price PnL (USD)', true], ['Fees (USD)', true], ['Slippage (USD)', true],
  ['Net (USD)', true], ['Expected carry (USD)', true], ['Realised ÷ expected', true],
];

function Leg({ leg }: { leg: BacktestTrade['long'] }) {
  return <td title={`${VENUES[leg.venue].label} ${leg.symbol}`}>{VENUES[leg.venue].label}</td>;
}

function TradeRow({ trade: t }: { trade: BacktestTrade }) {
  return (
    <tr>
      <td className="num" title={`${new Date(t.openedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`}>{localTime(t.openedAt)}</td>
      <td className="num">{t.closedAt === null ? 'open' : localTime(t.closedAt)}</td>
      <td>{t.base}</td>
      <Leg leg={t.long} />
      <Leg leg={t.short} />
      <td>{exitName(t.exit)}</td>
      <td className="num">{formatPct(t.spreadAtEntryPer8h)}</td>
      <Money value={t.fundingUsd} />
      <Money value={t.pricePnlUsd} />
      <Money value={t.feesUsd} cost />
      <Money value={t.slippageUsd} cost />
      <Money value={t.netUsd} />
      <Money value={t.expectedFundingUsd} />
      <td className="num">{carryShare(t.realisedOverExpected)}</td>
    </tr>
  );
}

/** The checklist items that refused previewed tickets, most first: "risk ×12, exposure ×3". */
function refusalsText(report: BacktestReport): string {
  const items = Object.entries(report.refusals).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return items.length ? items.map(([id, n]) => `${id} ×${n}`).join(', ') : 'none';
}

function ReportNotes({ report }: { report: BacktestReport }) {
  const p = report.params;
  return (
    <div className="small backtest-notes" aria-label="Backtest run">
      <p>
        {periodText(report.period)}; {report.series.used} series traded{report.series.notTraded.length ? `, ${report.series.notTraded.length} left out` : ''};
        {' '}{report.previews} tickets previewed, refused by: {refusalsText(report)}.
      </p>
      <p className="muted">
        Run with trigger {formatPct(p.triggerPer8h)} /8h, top {p.top}, {formatUsd(p.notionalUsd)} a leg at {p.leverage}×; exits: max holding {p.holdHours} h,
        take-profit ≤ {formatPct(p.takeProfitSpreadPer8h)} /8h, basis stop {(p.basisStopPct * 100).toFixed(2)} %, max loss {p.maxLossUsd === null ? 'the 2 % rule' : formatUsd(p.maxLossUsd)}.
        {' '}Net = funding + price PnL − fees; slippage (what fills paid against the recorded close) is part of price PnL. Expected carry: {report.model.expectedCarry}. Fills: {report.model.books}.
      </p>
      {report.series.notTraded.length ? (
        <details>
          <summary>Series left out ({report.series.notTraded.length})</summary>
          <ul>{report.series.notTraded.map((s) => <li key={s.series}>{s.series}: {s.reason}</li>)}</ul>
        </details>
      ) : null}
    </div>
  );
}

/** The last report: totals, then one row per trade, oldest first; dimmed while the next run goes. */
export function BacktestResult({ report, stale }: { report: BacktestReport; stale: boolean }) {
  return (
    <div className={`backtest-result${stale ? ' stale-report' : ''}`} aria-busy={stale || undefined}>
      <Totals totals={report.totals} />
      <ReportNotes report={report} />
      {report.trades.length ? (
        <table className="backtest-table" aria-label="Backtest trades">
          <thead><tr>{TRADE_HEADS.map(([h, num]) => <th key={h} scope="col" className={num ? 'num' : ''}>{h}</th>)}</tr></thead>
          <tbody>{report.trades.map((t) => <TradeRow key={t.pairId} trade={t} />)}</tbody>
        </table>
      ) : <p className="placeholder" role="status">No trade opened: no triggered pair passed the checklist over this period (see the refusals above).</p>}
    </div>
  );
}
