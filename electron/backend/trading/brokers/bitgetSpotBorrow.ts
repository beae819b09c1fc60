/**
 * A spot short on Bitget's cross margin (docs/orders.md, "Spot shorts"; docs/venues.md, "Bitget
 * cross margin"). The cross-margin account is apart from the spot wallet, with USDT of its own as
 * collateral. ccxt `bitget` sends a spot order naming `marginMode: 'cross'` to
 * `POST /api/v2/margin/crossed/place-order` with `loanType: normal` and the coins as `baseSize`;
 * the terminal names `autoLoan` for the opening sell (Bitget lends what the account lacks) and
 * `autoRepay` for the buy-back (what it buys repays the debt, interest first). Bitget answers an
 * order with its ids only, and ccxt's `fetchOrder` reads the spot wallet's orders alone: a margin
 * order is read back from the margin order lists and its fee from the margin fills.
 */
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import type { Balance } from './broker.ts';
import type { MarginCoin } from './spotMargin.ts';

export const BITGET_SHORT_PARAMS = { marginMode: 'cross', loanType: 'autoLoan' } as const;
export const BITGET_REPAY_PARAMS = { marginMode: 'cross', loanType: 'autoRepay' } as const;
/** Cancels (and ccxt's order lists) on the cross-margin account. */
export const BITGET_MARGIN_PARAMS = { marginMode: 'cross' } as const;

interface CrossAsset {
  coin?: string;
  totalAmount?: string;
  available?: string;
  frozen?: string;
  borrow?: string;
  interest?: string;
}

const num = (value: string | undefined) => (value === undefined || value === '' ? 0 : Number(value));

async function crossAssets(exchange: Exchange): Promise<CrossAsset[]> {
  const balance = await exchange.fetchBalance(BITGET_MARGIN_PARAMS);
  return (balance.info as CrossAsset[] | undefined) ?? [];
}

/**
 * Each coin of the cross-margin account as Bitget states it (`GET /api/v2/margin/crossed/account/assets`):
 * the coins held are `available` + `frozen` − `borrow` (a short below zero); `interest` is owed
 * beside the borrow, a cost rather than coins sold (Bitget's `net` takes it off too).
 */
export async function bitgetMarginCoins(exchange: Exchange): Promise<Map<string, MarginCoin>> {
  return new Map((await crossAssets(exchange)).flatMap((row) => {
    const interest = num(row.interest);
    const held = Number((num(row.available) + num(row.frozen) - num(row.borrow)).toPrecision(12));
    const owed = Number((num(row.borrow) + interest).toPrecision(12));
    return row.coin && Number.isFinite(held + owed) && (held !== 0 || owed !== 0) ? [[row.coin, { held, owed, interest }] as [string, MarginCoin]] : [];
  }));
}

/**
 * The cross-margin account's stablecoins, the collateral of a short. ccxt reads a cross row's
 * free from `transferable`, which this answer does not state: `available` is what is free.
 */
export async function bitgetMarginCollateral(exchange: Exchange): Promise<Balance[]> {
  return (await crossAssets(exchange)).filter((row) => row.coin === 'USDT' || row.coin === 'USDC')
    .map((row) => ({ currency: row.coin!, total: num(row.totalAmount), free: num(row.available) }));
}

type BitgetMarginCalls = {
  privateMarginGetV2MarginCrossedInterestRateAndLimit(params: { coin: string }): Promise<{ data?: Array<{ borrowable?: boolean | string }> }>;
  privateMarginGetV2MarginCrossedAccountMaxBorrowableAmount(params: { coin: string }): Promise<{ data?: { maxBorrowableAmount?: string } }>;
};

/**
 * Why the Bitget account cannot sell `symbol`'s coin short: Bitget's cross margin does not lend
 * the coin (`interest-rate-and-limit`: `borrowable` false), or the account can borrow none of it
 * now (`account/max-borrowable-amount` 0: no collateral on the cross-margin account, or margin
 * trading not opened). The terminal moves no funds and opens nothing.
 */
export async function bitgetBorrowRefusal(exchange: Exchange, symbol: string): Promise<string | null> {
  const coin = exchange.market(symbol).base;
  const calls = exchange as unknown as BitgetMarginCalls;
  const terms = (await calls.privateMarginGetV2MarginCrossedInterestRateAndLimit({ coin })).data?.[0];
  if (terms?.borrowable === false || terms?.borrowable === 'false') return `Bitget's cross margin does not lend ${coin}, so a spot sell cannot borrow it`;
  const most = num((await calls.privateMarginGetV2MarginCrossedAccountMaxBorrowableAmount({ coin })).data?.maxBorrowableAmount);
  if (most > 0) return null;
  return `the Bitget cross-margin account can borrow no ${coin} (max borrowable 0): a spot short needs margin trading opened and USDT collateral transferred into the cross-margin account at Bitget (the terminal moves no funds)`;
}

type MarginOrderList = (request: { symbol: string; clientOid: string; startTime: string }) => Promise<{ data?: { orderList?: unknown[] } | null }>;
type BitgetMarginLists = { privateMarginGetV2MarginCrossedHistoryOrders: MarginOrderList; privateMarginGetV2MarginCrossedOpenOrders: MarginOrderList };

/** Bitget bounds a margin order list to 90 days from `startTime`. */
const LIST_SPAN_MS = 7_776_000_000;

/**
 * The rows of one margin order list naming our client id, as ccxt parses an order. Read through
 * the list endpoint itself: ccxt's `fetchOpenOrders`/`fetchCanceledAndClosedOrders` also drop
 * every row older than 90 days by the local clock, after the venue bounded the list by its own.
 */
async function listedOrders(exchange: Exchange, list: keyof BitgetMarginLists, symbol: string, clientOrderId: string): Promise<CcxtOrder[]> {
  const market = exchange.market(symbol);
  const request = { symbol: String(market.id), clientOid: clientOrderId, startTime: String(exchange.milliseconds() - LIST_SPAN_MS) };
  const answer = await (exchange as unknown as BitgetMarginLists)[list](request);
  return (answer.data?.orderList ?? []).map((row) => exchange.parseOrder(row as Record<string, unknown>, market)).filter((o) => o.clientOrderId === clientOrderId);
}

/**
 * A cross-margin order by our client id: the history list (a market or IOC order is final at
 * once), else the open list; its fee from the order's fills (the lists state none), so a buy-back
 * holds what it received after the fee taken in the coin. Null when neither list has it.
 */
export async function bitgetMarginOrder(exchange: Exchange, symbol: string, clientOrderId: string): Promise<CcxtOrder | null> {
  const order = (await listedOrders(exchange, 'privateMarginGetV2MarginCrossedHistoryOrders', symbol, clientOrderId))[0]
    ?? (await listedOrders(exchange, 'privateMarginGetV2MarginCrossedOpenOrders', symbol, clientOrderId))[0];
  if (order === undefined) return null;
  if (!((order.filled ?? 0) > 0)) return order;
  const fills = await exchange.fetchMyTrades(symbol, undefined, undefined, { ...BITGET_MARGIN_PARAMS, orderId: order.id });
  const fees = fills.filter((t) => t.order === order.id).flatMap((t) => (t.fee === undefined ? [] : [t.fee]));
  return { ...order, fees } as CcxtOrder;
}
