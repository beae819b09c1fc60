import type { TicketReceipt } from '../../../shared/domain/ticket.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { ReactNode } from 'react';
import { fillReport, type LegFill } from '../../../shared/risk/fillReport.ts';
import { formatPct, formatUsd, signClass } from '../../ui/format.ts';

const price = (value: number | null) => (value === null ? '–' : `${+value.toPrecision(8)} USD`);
const bps = (value: number | null) => (value === null ? '–' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)} bps`);

/**
 * What each leg filled at, against main's preview (`shared/risk/fillReport.ts`): slippage > 0
 * cost the pair; the entry basis is the gap the two fills realised, beside the one previewed.
 */
export function FillTable({ receipt }: { receipt: TicketReceipt }) {
  const report = fillReport(receipt);
  // Legs as columns, figures as rows (as the preview's legs table), so two legs fit any width.
  const rows: Array<[string, (leg: LegFill) => ReactNode, (leg: LegFill) => string]> = [
    ['Filled (coins)', (leg) => +leg.filled.toPrecision(8), () => ''],
    ['Fill price', (leg) => price(leg.fillPrice), () => ''],
    ['Preview price', (leg) => price(leg.expectedPrice), () => 'muted'],
    ['Slippage', (leg) => `${bps(leg.slippageBps)} · ${formatUsd(leg.slippageUsd)}`, (leg) => signClass(leg.slippageUsd === null ? null : -leg.slippageUsd)],
    ['Fees (preview)', (leg) => `${formatUsd(leg.feesUsd)} (${formatUsd(leg.expectedFeesUsd)})`, () => ''],
  ];
  return (
    <>
      <table className="fill-table" aria-label="Fills against the preview">
        <thead>
          <tr><th scope="col">Figure</th>{report.legs.map((leg) => <th key={`${leg.venue}:${leg.symbol}`} scope="col" className="num">{leg.side === 'buy' ? '▲ buy' : '▼ sell'} {VENUES[leg.venue].label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map(([name, cell, tone]) => (
            <tr key={name}><th scope="row">{name}</th>{report.legs.map((leg) => <td key={`${leg.venue}:${leg.symbol}`} className={`num ${tone(leg)}`}>{cell(leg)}</td>)}</tr>
          ))}
        </tbody>
      </table>
      <p className="num" aria-label="Entry basis realised">
        Entry basis realised {formatPct(report.entryBasisPct)} ({formatUsd(report.entryBasisUsd)}) · previewed {formatUsd(report.expectedBasisUsd)}
      </p>
    </>
  );
}
