/**
 * Bybit v5, category `spot`, on the unified account: the spot pairs (`instruments-info`),
 * tickers and books, and spot orders (`order/create`, `order/realtime`, `order/cancel`).
 * Market orders honour `marketUnit`: a market buy counts USDT unless it says `baseCoin`, as on
 * Bybit. Spot coins show in the unified wallet (`walletSpotCoins`), whose USDT pays for them.
 * Spot margin (docs/venues.md, "Bybit spot margin"): an order with `isLeverage: 1` borrows what
 * a sell lacks, on an account whose spot margin trading is on (`spotMarginState`).
 */
import { SimRejection, type RejectionReason, type SimBalance, type SimContext, type SimInstrument, type SimOrder, type SimResponse } from '../types.ts';
import type { SideEffect, SpotInstrument, SpotOrder } from '../spot.ts';
import { BYBIT_ERRORS, bybitError, bybitOk, paramNumber, paramString } from './bybitEnvelope.ts';
import { orderJson, walletCoinJson } from './bybitShapes.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { DAILY_INTEREST_RATE } from '../marginDebts.ts';

type Params = Record<string, unknown>;
const VENUE = 'bybit';

const REJECTIONS: Partial<Record<RejectionReason, [number, string]>> = {
  'insufficient-margin': [BYBIT_ERRORS.insufficientBalance, 'Insufficient balance.'],
  'min-notional': [BYBIT_ERRORS.belowMinNotional, 'Order value exceeded lower limit.'],
  'unknown-order': [BYBIT_ERRORS.orderNotExists, 'Order does not exist.'],
  'duplicate-client-id': [BYBIT_ERRORS.duplicateOrderLinkId, 'Duplicate clientOrderId.'],
};

function guarded(context: SimContext, operation: () => SimResponse): SimResponse {
  try {
    return operation();
  } catch (error) {
    if (!(error instanceof SimRejection)) throw error;
    const [code, message] = REJECTIONS[error.reason] ?? [BYBIT_ERRORS.paramsError, 'params error'];
    return bybitError(code, `${message} (${error.message})`, context.market.now());
  }
}

function pairOf(params: Params, context: SimContext): SpotInstrument {
  const symbol = paramString(params, 'symbol');
  const instrument = symbol === undefined ? undefined : context.spot.instrument(VENUE, symbol);
  if (!instrument) throw new SimRejection('unknown-instrument', `Not supported symbols: ${symbol ?? '(missing)'}`);
  return instrument;
}

const priceText = (instrument: SpotInstrument, value: number) => fixedString(value, instrument.pricePrecision);
const qtyText = (instrument: SpotInstrument, value: number) => fixedString(value, instrument.qtyPrecision);

function instrumentJson(instrument: SpotInstrument): Record<string, unknown> {
  return {
    symbol: instrument.id, baseCoin: instrument.base, quoteCoin: instrument.quote, innovation: '0', status: 'Trading', marginTrading: 'utaOnly', stTag: '0',
    lotSizeFilter: {
      basePrecision: qtyText(instrument, instrument.stepSize), quotePrecision: '0.00000001', minOrderQty: qtyText(instrument, instrument.minQty),
      maxOrderQty: qtyText(instrument, 1_000_000 * instrument.stepSize), minOrderAmt: String(instrument.minNotional), maxOrderAmt: '2000000',
    },
    priceFilter: { tickSize: priceText(instrument, instrument.tickSize) },
    riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
  };
}

export function instrumentsInfo(params: Params, context: SimContext): SimResponse {
  const symbol = paramString(params, 'symbol');
  const list = context.spot.instruments(VENUE).filter((i) => symbol === undefined || i.id === symbol).map(instrumentJson);
  return bybitOk({ category: 'spot', list }, context.market.now());
}

function tickerJson(instrument: SpotInstrument, context: SimContext): Record<string, unknown> {
  const last = context.spot.price(instrument);
  const top = context.spot.book(instrument, 1);
  return {
    symbol: instrument.id, bid1Price: priceText(instrument, top.bids[0][0]), bid1Size: qtyText(instrument, top.bids[0][1]),
    ask1Price: priceText(instrument, top.asks[0][0]), ask1Size: qtyText(instrument, top.asks[0][1]), lastPrice: priceText(instrument, last),
    prevPrice24h: priceText(instrument, last), price24hPcnt: '0', highPrice24h: priceText(instrument, last), lowPrice24h: priceText(instrument, last),
    turnover24h: '0', volume24h: '0', usdIndexPrice: priceText(instrument, last),
  };
}

export function tickers(params: Params, context: SimContext): SimResponse {
  return guarded(context, () => {
    const list = paramString(params, 'symbol') === undefined ? context.spot.instruments(VENUE) : [pairOf(params, context)];
    return bybitOk({ category: 'spot', list: list.map((instrument) => tickerJson(instrument, context)) }, context.market.now());
  });
}

export function orderBook(params: Params, context: SimContext): SimResponse {
  return guarded(context, () => {
    const instrument = pairOf(params, context);
    const book = context.spot.book(instrument, Math.min(paramNumber(params, 'limit') ?? 1, 200));
    const level = ([p, q]: [number, number]) => [priceText(instrument, p), qtyText(instrument, q)];
    return bybitOk({ s: instrument.id, b: book.bids.map(level), a: book.asks.map(level), ts: book.time, u: book.time, seq: book.time, cts: book.time }, context.market.now());
  });
}

/** A spot order in the row shape of a linear one, with what differs on spot: the fee's coin, no leverage. */
function spotOrderJson(order: SpotOrder, instrument: SpotInstrument): Record<string, unknown> {
  const asSim: SimOrder = { ...order, reduceOnly: false, marginMode: 'cross' };
  const shape = { id: instrument.id, pricePrecision: instrument.pricePrecision, qtyPrecision: instrument.qtyPrecision, contractSize: 1, settle: instrument.quote } as SimInstrument;
  return {
    ...orderJson(asSim, shape), isLeverage: order.sideEffect !== undefined ? '1' : '0', marketUnit: order.type === 'market' ? 'baseCoin' : '',
    cumFeeDetail: order.fee !== 0 ? { [order.feeCurrency]: decimalString(order.fee) } : {},
  };
}

/** The coins a market order's `qty` asks for: USDT for a buy unless `marketUnit` is `baseCoin`. */
function coinsAsked(params: Params, instrument: SpotInstrument, context: SimContext, side: 'buy' | 'sell'): number {
  const qty = paramNumber(params, 'qty') ?? 0;
  const unit = paramString(params, 'marketUnit') ?? (side === 'buy' ? 'quoteCoin' : 'baseCoin');
  if (paramString(params, 'orderType') !== 'Market' || unit === 'baseCoin') return qty;
  const ask = context.spot.book(instrument, 1).asks[0][0];
  return Math.floor(qty / ask / instrument.stepSize + 1e-9) * instrument.stepSize;
}

/**
 * What `isLeverage` does to a spot order: 0 (the default) trades the coins and USDT held; 1
 * borrows what a sell lacks and has a buy repay the coin's liability, interest first. An account
 * with spot margin trading off refuses `isLeverage: 1` for want of balance.
 */
function sideEffectOf(params: Params, context: SimContext, apiKey: string, side: 'buy' | 'sell'): SideEffect | undefined {
  if (paramString(params, 'isLeverage') !== '1') return undefined;
  if (!context.spot.lends(VENUE, apiKey)) throw new SimRejection('insufficient-margin', 'spot margin trading is off on this account: isLeverage 1 borrows nothing');
  return side === 'sell' ? 'MARGIN_BUY' : 'AUTO_REPAY';
}

export function createOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  return guarded(context, () => {
    const instrument = pairOf(params, context);
    const side = paramString(params, 'side');
    const orderType = paramString(params, 'orderType');
    if ((side !== 'Buy' && side !== 'Sell') || (orderType !== 'Market' && orderType !== 'Limit')) throw new SimRejection('invalid-quantity', `orderType ${orderType}, side ${side}`);
    const ours = side === 'Buy' ? 'buy' : 'sell';
    const order = context.spot.placeOrder(VENUE, apiKey, {
      instrumentId: instrument.id, side: ours, type: orderType === 'Market' ? 'market' : 'limit',
      quantity: coinsAsked(params, instrument, context, ours), price: paramNumber(params, 'price'), clientOrderId: paramString(params, 'orderLinkId'),
    }, sideEffectOf(params, context, apiKey, ours));
    return bybitOk({ orderId: order.orderId, orderLinkId: order.clientOrderId }, context.market.now());
  });
}

export function cancelOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  return guarded(context, () => {
    pairOf(params, context);
    const order = context.spot.cancelOrder(VENUE, apiKey, { orderId: paramString(params, 'orderId'), clientOrderId: paramString(params, 'orderLinkId') });
    return bybitOk({ orderId: order.orderId, orderLinkId: order.clientOrderId }, context.market.now());
  });
}

/** GET /v5/order/realtime, category spot: open orders, or the order asked by id whatever its state. */
export function openOrders(params: Params, context: SimContext, apiKey: string): SimResponse {
  return guarded(context, () => {
    const orderId = paramString(params, 'orderId');
    const linkId = paramString(params, 'orderLinkId');
    const symbol = paramString(params, 'symbol');
    const asked = orderId !== undefined || linkId !== undefined ? context.spot.order(VENUE, apiKey, { orderId, clientOrderId: linkId }) : undefined;
    const orders = orderId !== undefined || linkId !== undefined ? (asked ? [asked] : []) : context.spot.openOrders(VENUE, apiKey, symbol);
    const list = orders.map((order) => spotOrderJson(order, context.spot.instrument(VENUE, order.instrumentId)!));
    return bybitOk({ category: 'spot', list, nextPageCursor: '' }, context.market.now());
  });
}

/**
 * The unified wallet's spot coins, as wallet-balance lists every coin held or owed. A coin sold
 * on a spot margin borrow keeps its coins in `walletBalance` (what the borrow added, less what
 * was sold) and states the liability beside it: `spotBorrow` and `borrowAmount` the coins
 * borrowed, `accruedInterest` the interest, `equity` the balance less both.
 */
export function walletSpotCoins(context: SimContext, apiKey: string): Array<Record<string, unknown>> {
  return context.spot.marginAccount(VENUE, apiKey).coins.filter((row) => row.coin !== 'USDT' && (row.free > 0 || row.borrowed > 0 || row.interest > 0)).map((row) => {
    const balance: SimBalance = { currency: row.coin, total: row.free + row.locked, free: row.free, used: row.locked };
    const equity = balance.total - row.borrowed - row.interest;
    const instrument = context.spot.pairOf(VENUE, row.coin);
    const usd = instrument ? equity * context.spot.price(instrument) : 0;
    return {
      ...walletCoinJson(balance, 0), equity: decimalString(equity), usdValue: decimalString(usd),
      borrowAmount: decimalString(row.borrowed), spotBorrow: decimalString(row.borrowed), accruedInterest: decimalString(row.interest),
    };
  });
}

/**
 * GET /v5/spot-margin-trade/state: whether the account's spot margin trading is on (`spotMarginMode`
 * "1", the simulator's 10× leverage) or off ("0", no leverage), as `SpotMarkets.setLending` left it.
 */
export function spotMarginState(_params: Params, context: SimContext, apiKey: string): SimResponse {
  const on = context.spot.lends(VENUE, apiKey);
  return bybitOk({ spotLeverage: on ? '10' : '', spotMarginMode: on ? '1' : '0', effectiveLeverage: on ? '1' : '0' }, context.market.now());
}

/** GET /v5/spot-margin-trade/data (public): each coin's hourly borrow rate, the simulator's daily rate / 24 for every coin. */
export function marginData(params: Params, context: SimContext): SimResponse {
  const asked = paramString(params, 'currency');
  const coins = asked === undefined ? [...new Set(context.spot.instruments(VENUE).map((i) => i.base))] : [asked];
  const list = coins.map((currency) => ({
    borrowable: true, collateralRatio: '0.95', currency, hourlyBorrowRate: decimalString(DAILY_INTEREST_RATE / 24),
    liquidationOrder: '1', marginCollateral: true, maxBorrowingAmount: '1000000',
  }));
  return bybitOk({ vipCoinList: [{ list, vipLevel: paramString(params, 'vipLevel') ?? 'No VIP' }] }, context.market.now());
}
