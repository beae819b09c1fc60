import type { ReactNode } from 'react';
import type { LegPreview, TicketPreview } from '../../../shared/domain/ticket.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { borrowSourceText, feeSourceText } from '../../../shared/domain/fees.ts';
import { Countdown } from '../fundingWindows/Countdown.tsx';
import { formatHours, formatPct, formatUsd, formatUtcTime, signClass } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import { clockNow } from '../../store/clockStore.ts';

const qty = (value: number | null): string => (value === null ? '–' : `${+value.toPrecision(8)}`);
const price = (value: number | null): string => (value === null ? '–' : `${value.toPrecision(7)} USD`);
/** An unsigned share (distance, share of equity): the sign would suggest a direction it does not have. */
const share = (value: number | null, digits = 2): string => (value === null ? '–' : `${(value * 100).toFixed(digits)} %`);

function lotTitle(leg: LegPreview, asset: string): string {
  const parts = [leg.lotStep === null ? 'the venue gives no lot step' : `quantities in steps of ${qty(leg.lotStep)} ${asset}`];
  if (leg.minQuantity !== null) parts.push(`at least ${qty(leg.minQuantity)} ${asset}`);
  if (leg.minNotional !== null) parts.push(`at least ${formatUsd(leg.minNotional)} notional`);
  return parts.join(', ');
}

/** "(risk-sized)", "(as entered)", and the lot rounding when it took something off. */
function quantityNote(preview: TicketPreview): string {
  const source = preview.quantitySource === 'risk-rule' ? 'risk-sized' : 'as entered';
  const requested = preview.requestedQuantity;
  return requested !== undefined && requested !== preview.quantity ? `(${source} ${qty(requested)}, rounded down to the lot step)` : `(${source})`;
}

/** What the venue is sent, where it does not count coins: "= 20 contracts of 10,000,000". */
function venueAmountNote(leg: LegPreview): string | null {
  if (leg.coinsPerAmount === 1 || leg.venueAmount === null) return null;
  return `= ${qty(leg.venueAmount)} contracts of ${leg.coinsPerAmount.toLocaleString('en-US', { maximumFractionDigits: 12 })}`;
}

/** One line of the legs table: a figure, then its value on each leg. */
interface LegLine { head: string; cell(leg: LegPreview, asset: string): ReactNode; title?(leg: LegPreview, asset: string): string | undefined; className?(leg: LegPreview): string }

const LEG_LINES: readonly LegLine[] = [
  { head: 'Qty (coins)', cell: (leg, asset) => { const note = venueAmountNote(leg); return <>{qty(leg.quantity)} {asset}{note ? <span className="muted"> {note}</span> : null}</>; },
    title: (leg, asset) => (venueAmountNote(leg) ? `the venue counts ${leg.coinsPerAmount} ${asset} as one unit of its amount` : undefined) },
  { head: 'Lot step (coins)', cell: (leg) => <>{leg.lotStep === null ? '–' : qty(leg.lotStep)}{leg.minQuantity !== null ? <span className="muted"> min {qty(leg.minQuantity)}</span> : null}</>, title: lotTitle },
  { head: 'Mark', cell: (leg) => price(leg.markPrice) },
  { head: 'Rate % /8h', cell: (leg) => <><Rate value={leg.ratePer8h} /> <span className="muted">{leg.rateKind ?? ''}</span></>,
    title: (leg) => (leg.rate === null ? undefined : `${formatPct(leg.rate)} per ${leg.intervalHours} h (${leg.rateKind})`) },
  { head: 'Interval', cell: (leg) => (leg.intervalHours === null ? '–' : `${leg.intervalHours} h`) },
  { head: 'Next settlement', cell: (leg) => <><Countdown at={leg.nextFundingTime} windowMinutes={15} />{leg.paysNextSettlement ? <span className="warn"> pays</span> : null}</> },
  { head: 'Liq. price', cell: (leg) => <>{price(leg.liquidationPrice)}{leg.marginMode === 'cross' ? <span className="muted"> account-wide</span> : null}</>,
    title: (leg) => (leg.marginMode === 'cross' ? 'cross margin: account-wide, from the venue\'s equity as if this were its only position; other positions there move it' : undefined) },
  { head: 'Liq. distance', cell: (leg) => <>{share(leg.liquidationDistancePct)}{leg.tiersFromVenue ? '' : ' *'}</>,
    title: (leg) => (leg.tiersFromVenue ? 'maintenance margin from the venue tiers' : 'conservative default maintenance margin'),
    className: (leg) => (leg.liquidationDistancePct !== null && leg.liquidationDistancePct < 0.1 ? 'warn' : '') },
  { head: 'Margin needed', cell: (leg) => formatUsd(leg.marginNeeded) },
  { head: 'Fees in/out', cell: (leg) => <>{formatUsd(leg.entryFeeUsd)}/{formatUsd(leg.exitFeeUsd)}</>, title: () => 'taker fee of the open and of the close at the rate below, USD' },
  { head: 'Taker fee', cell: (leg) => <>{formatPct(leg.takerFeeRate, 3)} <span className="muted">{feeSourceText({ source: leg.feeSource, readAt: leg.feeReadAt })}</span></>,
    title: () => 'the rate per fill and where it came from: the account\'s tier read from the venue, Settings, or the venue\'s default' },
  { head: '½ spread in/out', cell: (leg) => <>{formatUsd(leg.entryHalfSpreadUsd)}/{formatUsd(leg.exitHalfSpreadUsd)}</>,
    title: () => 'half the live bid–ask spread crossed on entry; the exit assumes the same spread, USD' },
  { head: 'Slip in/out est.', cell: (leg) => <>{formatUsd(leg.slippageUsd)}/{formatUsd(leg.exitSlippageUsd)}{leg.bookComplete ? '' : ' (book short)'}</>,
    title: (leg) => `beyond the best level: the entry walks the live book at size; the exit estimate walks its other side now, USD${leg.farthestFillPct === null ? ''
      : `; the entry's farthest level lies ${share(leg.farthestFillPct, 3)} beyond the best price (average ${share(leg.slippagePct, 3)}), which the max slippage bounds`}` },
  { head: '99 % move', cell: (leg) => (leg.adverseMovePct === null ? 'no history' : <>{share(leg.adverseMovePct)} <span className="muted">n {leg.volatilityReturns}</span></>),
    title: (leg) => (leg.adverseMovePct === null ? 'no stored closes: liquidation is judged against the basis stop instead' : `over the holding period from the realised volatility of ${leg.volatilityReturns} stored returns; the liquidation distance must lie beyond it`) },
  { head: 'Funding to exit', cell: (leg) => formatUsd(leg.expectedFundingUsd), className: (leg) => signClass(leg.expectedFundingUsd) },
  { head: 'Borrow interest', cell: (leg) => (leg.borrowDailyRate === null || leg.borrowRateSource === null ? '–'
    : <>{share(leg.borrowDailyRate, 4)} /day · {formatUsd(leg.borrowUsd)} to exit <span className="muted">{borrowSourceText(leg.borrowRateSource, leg.borrowRateReadAt)}</span></>),
    title: (leg) => (leg.borrowDailyRate === null ? undefined : 'a spot sell borrows the coin: simple interest at this rate per day on the notional, to the planned exit; the rate is the venue\'s own for the coin, or the Settings APR where the venue gave none') },
];

/** Legs as columns, figures as rows: two legs fit any width, where twelve columns did not. */
function LegsTable({ legs, asset }: { legs: readonly LegPreview[]; asset: string }) {
  return (
    <table className="legs-table" aria-label="Legs">
      <thead>
        <tr>
          <th scope="col">Leg</th>
          {legs.map((leg) => (
            <th key={`${leg.venue}:${leg.symbol}`} scope="col">
              {VENUES[leg.venue].label} <span className={leg.side === 'buy' ? 'pos' : 'neg'}>{leg.side === 'buy' ? '▲ buy' : '▼ sell'}</span>
              <span className="leg-symbol">{leg.symbol} {leg.instrument}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LEG_LINES.map((line) => (
          <tr key={line.head}>
            <th scope="row">{line.head}</th>
            {legs.map((leg) => (
              <td key={`${leg.venue}:${leg.symbol}`} className={`num ${line.className?.(leg) ?? ''}`} title={line.title?.(leg, asset)}>{line.cell(leg, asset)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figure({ label, children, tone }: { label: string; children: ReactNode; tone?: string }) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd className="num">{children}</dd>
    </div>
  );
}

/** Which expectation the funding is, with its sample size. */
function decayNote(decay: TicketPreview['decay']): string {
  if (!decay || decay.source === 'constant') return 'spread held';
  const halfLife = decay.halfLifeHours === null ? '' : `, half-life ${formatHours(decay.halfLifeHours)}`;
  return decay.source === 'fit' ? `decayed: fit n ${decay.n} 8-h pts${halfLife}` : `decayed: conservative default${halfLife} (${decay.reason})`;
}

/** Every figure main computed for the ticket as typed; the renderer adds units, nothing else. */
export function PreviewPanel({ preview, asset, stale = false }: { preview: TicketPreview; asset: string; stale?: boolean }) {
  const now = preview.computedAt;
  const overCap = preview.exposure.afterPct > preview.exposure.capPct;
  const hasSpotSell = preview.legs.some((leg) => leg.instrument === 'spot' && leg.side === 'sell');
  return (
    // Greyed while it answers an older version of the ticket: main's last good answer, not the current one.
    <section className={`preview${stale ? ' stale-preview' : ''}`} aria-label="Ticket preview" aria-describedby={stale ? 'preview-stale-note' : undefined}>
      {stale ? <p className="muted small" id="preview-stale-note">Out of date: the last good preview, for the ticket before the latest change.</p> : null}
      <LegsTable legs={preview.legs} asset={asset} />
      <dl className="figures">
        <Figure label="Quantity">{qty(preview.quantity)} {asset} {quantityNote(preview)}</Figure>
        <Figure label="2 % rule allows">{qty(preview.suggestedQuantity)} {asset}</Figure>
        <Figure label="Notional">{formatUsd(preview.notionalUsd)}</Figure>
        <Figure label="Equity">{formatUsd(preview.equityUsd)}</Figure>
        {preview.margin.map((m) => (
          <Figure key={m.venue} label={`Margin ${VENUES[m.venue].label}`} tone={m.needed > m.free ? 'error' : undefined}>
            {formatUsd(m.needed)} needed / {formatUsd(m.free)} free
          </Figure>
        ))}
        <Figure label="Fees (open+close, both legs)">{formatUsd(preview.costs.feesUsd)}</Figure>
        <Figure label="Spread crossing (in+out, both legs)">{formatUsd(preview.costs.crossingUsd)}</Figure>
        <Figure label="Slippage at size (in + out est.)">{formatUsd(preview.costs.slippageUsd)} + {formatUsd(preview.costs.exitSlippageUsd)}</Figure>
        <Figure label="Entry basis (counted / executable gap)">{formatUsd(preview.costs.basisUsd)} <span className="muted">/ {formatUsd(preview.costs.executableBasisUsd)}</span></Figure>
        <Figure label="Transfer">
          {formatUsd(preview.costs.transferUsd)}
          {preview.costs.transfers.map((t) => (
            <span key={`${t.from}-${t.to}`} className="muted"> · {formatUsd(t.amount)} {VENUES[t.from].label} → {VENUES[t.to].label} (fee {formatUsd(t.feeUsd)})</span>
          ))}
        </Figure>
        {hasSpotSell ? <Figure label="Borrow (spot sell, to exit)">{formatUsd(preview.costs.borrowUsd)}</Figure> : null}
        <Figure label="All-in cost">{formatUsd(preview.costs.totalUsd)}</Figure>
        <Figure label="Planned exit">{formatUtcTime(preview.plannedExitAt, now)}</Figure>
        <Figure label="Expected funding to exit" tone={signClass(preview.expectedFundingUsd)}>{formatUsd(preview.expectedFundingUsd)} <span className="muted">{decayNote(preview.decay)}</span></Figure>
        <Figure label="Net to exit" tone={signClass(preview.netUsd)}>{formatUsd(preview.netUsd)}</Figure>
        <Figure label="Break-even">{preview.breakEvenHours === null ? 'never at current rates' : formatHours(preview.breakEvenHours)}</Figure>
        <Figure label="Loss at stop">{formatUsd(preview.risk.lossAtStopUsd)} = {share(preview.risk.riskPct)} of equity (max {share(preview.risk.maxRiskPct)})</Figure>
        <Figure label="Max-loss stop">{formatUsd(-preview.risk.maxLossUsd)} net{preview.risk.maxLossSource === 'risk-rule' ? ' (2 % rule)' : ''}</Figure>
        <Figure label="Exposure after" tone={overCap ? 'error' : undefined}>{formatUsd(preview.exposure.afterUsd)} = {share(preview.exposure.afterPct)} (cap {share(preview.exposure.capPct, 0)})</Figure>
        <Figure label="Sector alignment" tone={`align-${preview.alignment.tag}`}>{preview.alignment.tag}: {preview.alignment.reason}</Figure>
      </dl>
      <p className="muted small">* conservative maintenance margin (the venue gave no tiers). Computed by main at {formatUtcTime(preview.computedAt, clockNow())}.</p>
    </section>
  );
}
