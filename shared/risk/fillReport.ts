/**
 * What an entry filled at, against what the preview expected (docs/screens.md, "After the
 * order"): per leg the average fill price, the slippage against the preview's walk of the book
 * (bps and USD, > 0 costs the pair), the fees paid against those expected, and the entry basis
 * the two fills realised. Pure: the receipt main returned holds both the preview and the orders.
 */
import type { Order } from '../domain/orders.ts';
import type { LegPreview, TicketReceipt } from '../domain/ticket.ts';

export interface LegFill {
  venue: LegPreview['venue'];
  symbol: string;
  side: LegPreview['side'];
  /** Coins filled, and their volume-weighted price (null when nothing filled). */
  filled: number;
  fillPrice: number | null;
  /** The preview's expected average price at size (its walk of the book; the mark when it had none). */
  expectedPrice: number;
  /** Against the pair: a buy above, or a sell below, the expected price is > 0. */
  slippageBps: number | null;
  slippageUsd: number | null;
  feesUsd: number;
  expectedFeesUsd: number;
}

export interface FillReport {
  legs: LegFill[];
  /** Bought minus sold, per coin, over the sell's price; > 0: the pair paid a gap at entry (null without both fills). */
  entryBasisPct: number | null;
  entryBasisUsd: number | null;
  /** The same gap as the preview priced it on the books it walked (`costs.executableBasisUsd`). */
  expectedBasisUsd: number;
}

const sameLeg = (leg: Pick<LegPreview, 'venue' | 'symbol'>) => (order: Order) => order.venue === leg.venue && order.symbol === leg.symbol && !order.reduceOnly;

function legFill(leg: LegPreview, orders: readonly Order[]): LegFill {
  const mine = orders.filter(sameLeg(leg));
  const filled = mine.reduce((sum, o) => sum + o.filled, 0);
  const paid = mine.reduce((sum, o) => sum + o.filled * (o.averagePrice ?? 0), 0);
  const fillPrice = filled > 0 && mine.every((o) => o.filled === 0 || o.averagePrice !== null) ? paid / filled : null;
  const expectedPrice = leg.averageFillPrice ?? leg.markPrice;
  const against = leg.side === 'buy' ? 1 : -1;
  return {
    venue: leg.venue, symbol: leg.symbol, side: leg.side, filled, fillPrice, expectedPrice,
    slippageBps: fillPrice === null ? null : (against * (fillPrice - expectedPrice) / expectedPrice) * 10_000,
    slippageUsd: fillPrice === null ? null : against * (fillPrice - expectedPrice) * filled,
    feesUsd: mine.reduce((sum, o) => sum + Math.abs(o.fee), 0),
    expectedFeesUsd: leg.entryFeeUsd,
  };
}

export function fillReport(receipt: Pick<TicketReceipt, 'checklist' | 'execution'>): FillReport {
  const { preview } = receipt.checklist;
  const legs = preview.legs.map((leg) => legFill(leg, receipt.execution.orders));
  const buy = legs.find((l) => l.side === 'buy');
  const sell = legs.find((l) => l.side === 'sell');
  const both = buy?.fillPrice != null && sell?.fillPrice != null;
  return {
    legs,
    entryBasisPct: both ? (buy.fillPrice! - sell.fillPrice!) / sell.fillPrice! : null,
    entryBasisUsd: both ? (buy.fillPrice! - sell.fillPrice!) * Math.min(buy.filled, sell.filled) : null,
    expectedBasisUsd: preview.costs.executableBasisUsd,
  };
}
