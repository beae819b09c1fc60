/**
 * An order's own fills, for venues whose order answer and status leave out what the journal
 * needs: Hyperliquid states no fee on an order and no average price on its status; its fills
 * (`userFillsByTime` from the order's time) state both (docs/orders.md, "Fees from fills").
 */
import type { Exchange, Trade } from 'ccxt';

interface FilledOrder { venueOrderId: string | null; filled: number; time: number }

/** The fills of one order, listed from its time on; empty when it filled nothing. */
export async function orderTrades(exchange: Exchange, symbol: string, order: FilledOrder): Promise<Trade[]> {
  if (order.venueOrderId === null || order.filled === 0) return [];
  return (await exchange.fetchMyTrades(symbol, order.time)).filter((trade) => trade.order === order.venueOrderId);
}

/** Amount-weighted price of fills; null without any. */
export function averageOf(trades: readonly Trade[]): number | null {
  const amount = trades.reduce((sum, trade) => sum + (trade.amount ?? 0), 0);
  return amount > 0 ? trades.reduce((sum, trade) => sum + (trade.amount ?? 0) * (trade.price ?? 0), 0) / amount : null;
}

/**
 * A perp order's fee in USD and its average price from its fills: a perp's fee is taken in the
 * settle currency (USDC on Hyperliquid, counted at par). Null when the venue lists no fill or
 * states a fee in another currency: the order's own figures stand then.
 */
export async function perpFillOfTrades(exchange: Exchange, symbol: string, order: FilledOrder): Promise<{ feeUsd: number; average: number } | null> {
  const trades = await orderTrades(exchange, symbol, order);
  const average = averageOf(trades);
  if (average === null) return null;
  const settle = exchange.market(symbol).settle;
  let feeUsd = 0;
  for (const trade of trades) {
    if (!trade.fee || trade.fee.cost === undefined) continue;
    if (trade.fee.currency !== settle) return null;
    feeUsd += trade.fee.cost;
  }
  return { feeUsd, average };
}
