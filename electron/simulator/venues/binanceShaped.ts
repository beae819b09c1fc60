/**
 * The Binance USDⓈ-M futures API as served by the venues that speak it (Binance itself, and
 * Aster, whose futures API is a copy of Binance's under other paths and another signature):
 * the market and account handlers in Binance's shapes, string-encoded numbers and Binance's
 * error codes. Each wire (binance.ts, aster.ts) maps its own paths onto these handlers and
 * checks its own signature.
 */
import type { SimContext, SimOrder, SimRequest, SimResponse, SimInstrument, RejectionReason, VenueId } from '../types.ts';
import { SimRejection } from '../types.ts';
import { maintenanceDeduction, marginTiers } from '../marginTiers.ts';
import { decimalString } from './wireDecimal.ts';

export type Params = URLSearchParams;
export type Handler = (params: Params, context: SimContext, apiKey: string) => SimResponse;

/** Binance's error answers, as the real API sends them. */
export const ERRORS = {
  badKey: { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  badKeyFormat: { status: 401, code: -2014, msg: 'API-key format invalid.' },
  badSignature: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
  badTimestamp: { status: 400, code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
  badSymbol: { status: 400, code: -1121, msg: 'Invalid symbol.' },
  noOrder: { status: 400, code: -2013, msg: 'Order does not exist.' },
  noCancel: { status: 400, code: -2011, msg: 'Unknown order sent.' },
  margin: { status: 400, code: -2019, msg: 'Margin is insufficient.' },
  reduceOnly: { status: 400, code: -2022, msg: 'ReduceOnly Order is rejected.' },
  duplicate: { status: 400, code: -4116, msg: 'ClientOrderId is duplicated.' },
  quantity: { status: 400, code: -1013, msg: 'Filter failure: LOT_SIZE' },
  price: { status: 400, code: -1013, msg: 'Filter failure: PRICE_FILTER' },
  marginTypeSame: { status: 400, code: -4046, msg: 'No need to change margin type.' },
  leverage: { status: 400, code: -4028, msg: 'Leverage is not valid' },
} as const;

export function error(status: number, code: number, msg: string): SimResponse {
  return { status, body: { code, msg } };
}

export function fail(e: { status: number; code: number; msg: string }): SimResponse {
  return error(e.status, e.code, e.msg);
}

export function missing(name: string): SimResponse {
  return error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

export const ok = (body: unknown): SimResponse => ({ status: 200, body });
export const rate = (value: number) => value.toFixed(8);
const price = (instrument: SimInstrument, value: number) => value.toFixed(instrument.pricePrecision);
const qty = (instrument: SimInstrument, value: number) => value.toFixed(instrument.qtyPrecision);

export const TIMEFRAMES: Record<string, number> = {
  '1m': 60_000, '3m': 180_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, '2h': 7_200_000,
  '4h': 14_400_000, '6h': 21_600_000, '8h': 28_800_000, '12h': 43_200_000, '1d': 86_400_000, '3d': 259_200_000, '1w': 604_800_000,
};

export function optionalNumber(params: Params, name: string): number | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : Number(value);
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

/** The handlers of one Binance-shaped venue, reading and writing that venue's instruments and accounts. */
export function binanceShapedHandlers(VENUE: VenueId) {
  function rejection(reason: RejectionReason, instrument?: SimInstrument): SimResponse {
    switch (reason) {
      case 'insufficient-margin': return fail(ERRORS.margin);
      case 'reduce-only': return fail(ERRORS.reduceOnly);
      case 'min-notional': return error(400, -4164, `Order's notional must be no smaller than ${instrument?.minNotional ?? 5} (unless you choose reduce only).`);
      case 'unknown-order': return fail(ERRORS.noOrder);
      case 'unknown-instrument': return fail(ERRORS.badSymbol);
      case 'invalid-quantity': return fail(ERRORS.quantity);
      case 'invalid-price': return fail(ERRORS.price);
      case 'duplicate-client-id': return fail(ERRORS.duplicate);
      case 'margin-mode': return error(400, -4047, 'Margin type cannot be changed if there exists position.');
      case 'invalid-client-id': return error(400, -4015, 'Client order id is not valid.');
    }
  }

  function instrumentOf(params: Params, context: SimContext): SimInstrument | SimResponse {
    const symbol = params.get('symbol');
    if (!symbol) return missing('symbol');
    return context.market.instrument(VENUE, symbol) ?? fail(ERRORS.badSymbol);
  }

  // ---------------------------------------------------------------- public

  function exchangeInfo(_params: Params, context: SimContext): SimResponse {
    const now = context.market.now();
    const symbols = context.market.instruments(VENUE).map((instrument) => ({
      symbol: instrument.id, pair: instrument.id, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: instrument.listedAt,
      status: 'TRADING', maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: instrument.base, quoteAsset: instrument.quote,
      marginAsset: instrument.settle, pricePrecision: instrument.pricePrecision, quantityPrecision: instrument.qtyPrecision,
      baseAssetPrecision: 8, quotePrecision: 8, underlyingType: 'COIN', underlyingSubType: [], triggerProtect: '0.0500',
      liquidationFee: '0.012500', marketTakeBound: '0.05', maxMoveOrderLimit: 10000,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: price(instrument, instrument.tickSize), maxPrice: '10000000', tickSize: price(instrument, instrument.tickSize) },
        { filterType: 'LOT_SIZE', stepSize: qty(instrument, instrument.stepSize), minQty: qty(instrument, instrument.minQty), maxQty: '100000000' },
        { filterType: 'MARKET_LOT_SIZE', stepSize: qty(instrument, instrument.stepSize), minQty: qty(instrument, instrument.minQty), maxQty: '10000000' },
        { filterType: 'MAX_NUM_ORDERS', limit: 200 },
        { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
        { filterType: 'MIN_NOTIONAL', notional: String(instrument.minNotional) },
        { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
      ],
      orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
      timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
      permissionSet: ['GRID', 'COPY'],
    }));
    return ok({
      timezone: 'UTC', serverTime: now, futuresType: 'U_MARGINED',
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }, { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 }],
      exchangeFilters: [],
      assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
      symbols,
    });
  }

  function premiumEntry(instrument: SimInstrument, context: SimContext) {
    const funding = context.market.funding(VENUE, instrument.id);
    const ticker = context.market.ticker(VENUE, instrument.id);
    return {
      symbol: instrument.id, markPrice: ticker.mark.toFixed(8), indexPrice: ticker.index.toFixed(8), estimatedSettlePrice: ticker.index.toFixed(8),
      lastFundingRate: rate(funding.rate), interestRate: rate(funding.interestRate), nextFundingTime: funding.nextFundingTime, time: ticker.time,
    };
  }

  function premiumIndex(params: Params, context: SimContext): SimResponse {
    if (!params.get('symbol')) return ok(context.market.instruments(VENUE).map((instrument) => premiumEntry(instrument, context)));
    const instrument = instrumentOf(params, context);
    return isResponse(instrument) ? instrument : ok(premiumEntry(instrument, context));
  }

  /** Only symbols off the default 8-hour interval are listed, as on Binance. */
  function fundingInfo(_params: Params, context: SimContext): SimResponse {
    const entries = [];
    for (const instrument of context.market.instruments(VENUE)) {
      const funding = context.market.funding(VENUE, instrument.id);
      if (funding.intervalHours === 8) continue;
      entries.push({
        symbol: instrument.id, adjustedFundingRateCap: rate(instrument.fundingCap), adjustedFundingRateFloor: rate(instrument.fundingFloor),
        fundingIntervalHours: funding.intervalHours, disclaimer: false,
      });
    }
    return ok(entries);
  }

  function fundingRateHistory(params: Params, context: SimContext): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const history = context.market.fundingHistory(VENUE, instrument.id, {
      since: optionalNumber(params, 'startTime'), until: optionalNumber(params, 'endTime'), limit: Math.min(optionalNumber(params, 'limit') ?? 100, 1000),
    });
    return ok(history.map((entry) => ({ symbol: instrument.id, fundingTime: entry.time, fundingRate: rate(entry.rate), markPrice: entry.markPrice.toFixed(8) })));
  }

  function tickerEntry(instrument: SimInstrument, context: SimContext) {
    const t = context.market.ticker(VENUE, instrument.id);
    const change = t.last - t.open24h;
    return {
      symbol: instrument.id, priceChange: price(instrument, change), priceChangePercent: ((change / t.open24h) * 100).toFixed(3),
      weightedAvgPrice: price(instrument, (t.high24h + t.low24h + t.last) / 3), lastPrice: price(instrument, t.last), lastQty: qty(instrument, instrument.stepSize),
      openPrice: price(instrument, t.open24h), highPrice: price(instrument, t.high24h), lowPrice: price(instrument, t.low24h),
      volume: qty(instrument, t.volume24hBase), quoteVolume: t.volume24hQuote.toFixed(2), openTime: t.time - 86_400_000, closeTime: t.time,
      firstId: 1, lastId: 1000, count: 1000,
    };
  }

  function ticker24hr(params: Params, context: SimContext): SimResponse {
    if (!params.get('symbol')) return ok(context.market.instruments(VENUE).map((instrument) => tickerEntry(instrument, context)));
    const instrument = instrumentOf(params, context);
    return isResponse(instrument) ? instrument : ok(tickerEntry(instrument, context));
  }

  /** A book ticker row (`/ticker/bookTicker`): the best level of each side of the book. */
  function bookTickerEntry(instrument: SimInstrument, context: SimContext) {
    const book = context.market.orderBook(VENUE, instrument.id, 1);
    const [bid, ask] = [book.bids[0] ?? [0, 0], book.asks[0] ?? [0, 0]];
    return {
      symbol: instrument.id, bidPrice: price(instrument, bid[0]), bidQty: qty(instrument, bid[1]), askPrice: price(instrument, ask[0]), askQty: qty(instrument, ask[1]), time: book.time,
    };
  }

  function bookTicker(params: Params, context: SimContext): SimResponse {
    if (!params.get('symbol')) return ok(context.market.instruments(VENUE).map((instrument) => bookTickerEntry(instrument, context)));
    const instrument = instrumentOf(params, context);
    return isResponse(instrument) ? instrument : ok(bookTickerEntry(instrument, context));
  }

  function depth(params: Params, context: SimContext): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const book = context.market.orderBook(VENUE, instrument.id, Math.min(optionalNumber(params, 'limit') ?? 500, 1000));
    const level = ([p, q]: [number, number]) => [price(instrument, p), qty(instrument, q)];
    return ok({ lastUpdateId: Math.floor(book.time / 100), E: book.time, T: book.time, bids: book.bids.map(level), asks: book.asks.map(level) });
  }

  function klines(params: Params, context: SimContext): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const timeframe = TIMEFRAMES[params.get('interval') ?? ''];
    if (!timeframe) return error(400, -1120, 'Invalid interval.');
    const candles = context.market.candles(VENUE, instrument.id, timeframe, {
      since: optionalNumber(params, 'startTime'), until: optionalNumber(params, 'endTime'), limit: Math.min(optionalNumber(params, 'limit') ?? 500, 1500),
    });
    return ok(candles.map((c) => [
      c.time, price(instrument, c.open), price(instrument, c.high), price(instrument, c.low), price(instrument, c.close), qty(instrument, c.volume),
      c.time + timeframe - 1, (c.volume * c.close).toFixed(4), 100, qty(instrument, c.volume / 2), ((c.volume * c.close) / 2).toFixed(4), '0',
    ]));
  }

  function openInterest(params: Params, context: SimContext): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const t = context.market.ticker(VENUE, instrument.id);
    return ok({ openInterest: qty(instrument, t.openInterestBase), symbol: instrument.id, time: t.time });
  }

  // ---------------------------------------------------------------- private

  /**
   * An order as Binance states it: a create or cancel answer carries `cumQty` and no `time`, a
   * query row (one order, open orders, all orders) the other way round (USDⓈ-M API reference;
   * checked against ccxt's recorded rows in test/integration/venues/binanceWire.test.ts).
   */
  function orderBody(order: SimOrder, context: SimContext, kind: 'answer' | 'row' = 'row') {
    const instrument = context.market.instrument(VENUE, order.instrumentId)!;
    const status = { new: 'NEW', 'partially-filled': 'PARTIALLY_FILLED', filled: 'FILLED', cancelled: order.type === 'market' ? 'EXPIRED' : 'CANCELED', rejected: 'REJECTED' }[order.status];
    const type = order.type === 'market' ? 'MARKET' : 'LIMIT';
    return {
      orderId: Number(order.orderId), symbol: order.instrumentId, status, clientOrderId: order.clientOrderId,
      price: price(instrument, order.price ?? 0), avgPrice: (order.averagePrice ?? 0).toFixed(8), origQty: qty(instrument, order.quantity),
      executedQty: qty(instrument, order.filled), ...(kind === 'answer' ? { cumQty: qty(instrument, order.filled) } : {}), cumQuote: ((order.averagePrice ?? 0) * order.filled * instrument.contractSize).toFixed(8),
      timeInForce: order.type === 'market' ? 'GTC' : 'GTC', type, reduceOnly: order.reduceOnly, closePosition: false, side: order.side.toUpperCase(),
      positionSide: 'BOTH', stopPrice: '0', workingType: 'CONTRACT_PRICE', priceProtect: false, origType: type, priceMatch: 'NONE',
      selfTradePreventionMode: 'EXPIRE_MAKER', goodTillDate: 0, ...(kind === 'row' ? { time: order.createdAt } : {}), updateTime: order.updatedAt,
    };
  }

  function placeOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const side = params.get('side');
    const type = params.get('type');
    if (side !== 'BUY' && side !== 'SELL') return missing('side');
    if (type !== 'MARKET' && type !== 'LIMIT') return error(400, -1116, 'Invalid orderType.');
    const quantity = optionalNumber(params, 'quantity');
    if (quantity === undefined) return missing('quantity');
    const limitPrice = optionalNumber(params, 'price');
    if (type === 'LIMIT' && limitPrice === undefined) return missing('price');
    const respType = params.get('newOrderRespType') ?? 'ACK';
    if (respType !== 'ACK' && respType !== 'RESULT') return error(400, -1136, 'Invalid newOrderRespType');
    const order = context.accounts.placeOrder(VENUE, apiKey, {
      instrumentId: instrument.id, side: side === 'BUY' ? 'buy' : 'sell', type: type === 'MARKET' ? 'market' : 'limit', quantity, price: type === 'LIMIT' ? limitPrice : undefined,
      reduceOnly: params.get('reduceOnly') === 'true', postOnly: params.get('timeInForce') === 'GTX', clientOrderId: params.get('newClientOrderId') ?? undefined,
    });
    // Binance's futures default is ACK: the order as accepted (NEW, nothing filled), whatever it became.
    const answered = respType === 'RESULT' ? order : { ...order, status: 'new' as const, filled: 0, averagePrice: null };
    return ok(orderBody(answered, context, 'answer'));
  }

  function queryOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const order = context.accounts.order(VENUE, apiKey, orderRef(params));
    return order && order.instrumentId === instrument.id ? ok(orderBody(order, context)) : fail(ERRORS.noOrder);
  }

  function cancelOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const existing = context.accounts.order(VENUE, apiKey, orderRef(params));
    if (!existing || existing.instrumentId !== instrument.id) return fail(ERRORS.noCancel);
    return ok(orderBody(context.accounts.cancelOrder(VENUE, apiKey, orderRef(params)), context, 'answer'));
  }

  function cancelAll(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    context.accounts.cancelAll(VENUE, apiKey, instrument.id);
    return ok({ code: 200, msg: 'The operation of cancel all open order is done.' });
  }

  function openOrders(params: Params, context: SimContext, apiKey: string): SimResponse {
    const symbol = params.get('symbol') ?? undefined;
    if (symbol && !context.market.instrument(VENUE, symbol)) return fail(ERRORS.badSymbol);
    return ok(context.accounts.openOrders(VENUE, apiKey, symbol).map((order) => orderBody(order, context)));
  }

  function allOrders(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const since = optionalNumber(params, 'startTime') ?? 0;
    const limit = Math.min(optionalNumber(params, 'limit') ?? 500, 1000);
    const orders = context.accounts.orders(VENUE, apiKey, instrument.id).filter((order) => order.createdAt >= since);
    return ok(orders.slice(-limit).map((order) => orderBody(order, context)));
  }

  function userTrades(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const trades = context.accounts.trades(VENUE, apiKey, { instrumentId: instrument.id, since: optionalNumber(params, 'startTime'), limit: Math.min(optionalNumber(params, 'limit') ?? 500, 1000) });
    return ok(trades.map((trade) => ({
      buyer: trade.side === 'buy', commission: trade.fee.toFixed(8), commissionAsset: trade.feeCurrency, id: Number(trade.tradeId), maker: trade.maker,
      orderId: Number(trade.orderId), price: price(instrument, trade.price), qty: qty(instrument, trade.quantity),
      quoteQty: (trade.price * trade.quantity * instrument.contractSize).toFixed(8), realizedPnl: '0', side: trade.side.toUpperCase(),
      positionSide: 'BOTH', symbol: instrument.id, time: trade.time,
    })));
  }

  function income(params: Params, context: SimContext, apiKey: string): SimResponse {
    const type = params.get('incomeType');
    if (type && type !== 'FUNDING_FEE') return ok([]);
    const symbol = params.get('symbol') ?? undefined;
    const entries = context.accounts.income(VENUE, apiKey, { instrumentId: symbol, since: optionalNumber(params, 'startTime'), limit: Math.min(optionalNumber(params, 'limit') ?? 100, 1000) });
    return ok(entries.map((entry) => ({
      symbol: entry.instrumentId, incomeType: 'FUNDING_FEE', income: entry.amount.toFixed(8), asset: entry.currency, info: 'FUNDING_FEE',
      time: entry.time, tranId: Number(entry.id), tradeId: '',
    })));
  }

  function account(_params: Params, context: SimContext, apiKey: string): SimResponse {
    const [balance] = context.accounts.balances(VENUE, apiKey);
    const positions = context.accounts.positions(VENUE, apiKey);
    const upnl = positions.reduce((sum, p) => sum + p.unrealisedPnl, 0);
    const maint = positions.reduce((sum, p) => sum + Math.abs(p.size) * p.markPrice * context.market.instrument(VENUE, p.instrumentId)!.maintenanceMarginRate, 0);
    const positionMargin = positions.reduce((sum, p) => sum + p.margin, 0);
    const wallet = balance.total - upnl;
    const now = context.market.now();
    const f = (value: number) => value.toFixed(8);
    return ok({
      totalInitialMargin: f(balance.used), totalMaintMargin: f(maint), totalWalletBalance: f(wallet), totalUnrealizedProfit: f(upnl),
      totalMarginBalance: f(balance.total), totalPositionInitialMargin: f(positionMargin), totalOpenOrderInitialMargin: f(balance.used - positionMargin),
      totalCrossWalletBalance: f(wallet), totalCrossUnPnl: f(upnl), availableBalance: f(balance.free), maxWithdrawAmount: f(balance.free),
      assets: [{
        asset: balance.currency, walletBalance: f(wallet), unrealizedProfit: f(upnl), marginBalance: f(balance.total), maintMargin: f(maint),
        initialMargin: f(balance.used), positionInitialMargin: f(positionMargin), openOrderInitialMargin: f(balance.used - positionMargin),
        crossWalletBalance: f(wallet), crossUnPnl: f(upnl), availableBalance: f(balance.free), maxWithdrawAmount: f(balance.free), updateTime: now,
      }],
      positions: positions.map((p) => ({
        symbol: p.instrumentId, positionSide: 'BOTH', positionAmt: String(p.size), unrealizedProfit: f(p.unrealisedPnl), isolatedMargin: p.marginMode === 'isolated' ? f(p.margin) : '0',
        notional: f(p.size * p.markPrice), isolatedWallet: '0', initialMargin: f(p.margin), maintMargin: f(Math.abs(p.size) * p.markPrice * context.market.instrument(VENUE, p.instrumentId)!.maintenanceMarginRate),
        updateTime: p.updatedAt,
      })),
    });
  }

  function positionRisk(params: Params, context: SimContext, apiKey: string): SimResponse {
    const symbol = params.get('symbol');
    const positions = context.accounts.positions(VENUE, apiKey).filter((p) => !symbol || p.instrumentId === symbol);
    const f = (value: number) => value.toFixed(8);
    return ok(positions.map((p) => {
      const instrument = context.market.instrument(VENUE, p.instrumentId)!;
      const maint = Math.abs(p.size) * p.markPrice * instrument.maintenanceMarginRate;
      return {
        symbol: p.instrumentId, positionSide: 'BOTH', positionAmt: qty(instrument, p.size), entryPrice: p.entryPrice.toFixed(8), breakEvenPrice: p.entryPrice.toFixed(8),
        markPrice: p.markPrice.toFixed(8), unRealizedProfit: f(p.unrealisedPnl), liquidationPrice: (p.liquidationPrice ?? 0).toFixed(8),
        isolatedMargin: p.marginMode === 'isolated' ? f(p.margin) : '0', notional: f(p.size * p.markPrice), marginAsset: instrument.settle,
        isolatedWallet: p.marginMode === 'isolated' ? f(p.margin) : '0', initialMargin: f(p.margin), maintMargin: f(maint), positionInitialMargin: f(p.margin),
        openOrderInitialMargin: '0', adl: 1, bidNotional: '0', askNotional: '0', updateTime: p.updatedAt,
      };
    }));
  }

  function leverageBracket(params: Params, context: SimContext): SimResponse {
    const symbol = params.get('symbol');
    const instruments = context.market.instruments(VENUE).filter((instrument) => !symbol || instrument.id === symbol);
    return ok(instruments.map((instrument) => ({
      // Binance adds notionalCoef only where the user's brackets were adjusted.
      symbol: instrument.id,
      brackets: marginTiers(instrument).map((tier, index, tiers) => ({
        bracket: tier.tier, initialLeverage: tier.maxLeverage, notionalCap: tier.cap, notionalFloor: tier.floor,
        maintMarginRatio: tier.maintenanceMarginRate, cum: maintenanceDeduction(tiers, index),
      })),
    })));
  }

  function setLeverage(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const leverage = optionalNumber(params, 'leverage');
    if (leverage === undefined) return missing('leverage');
    if (!(Number.isInteger(leverage) && leverage >= 1 && leverage <= instrument.maxLeverage)) return fail(ERRORS.leverage);
    context.accounts.setLeverage(VENUE, apiKey, instrument.id, leverage);
    return ok({ leverage, maxNotionalValue: '1000000000', symbol: instrument.id });
  }

  function setMarginType(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const type = params.get('marginType');
    if (type !== 'ISOLATED' && type !== 'CROSSED') return missing('marginType');
    const mode = type === 'ISOLATED' ? 'isolated' : 'cross';
    if (context.accounts.leverage(VENUE, apiKey, instrument.id).marginMode === mode) return fail(ERRORS.marginTypeSame);
    context.accounts.setMarginMode(VENUE, apiKey, instrument.id, mode);
    return ok({ code: 200, msg: 'success' });
  }
  function balance(params: Params, context: SimContext, apiKey: string): SimResponse {
    const answer = account(params, context, apiKey).body as { assets: Array<Record<string, unknown>> };
    return ok(answer.assets.map((asset) => ({ accountAlias: 'SgsR', asset: asset.asset, balance: asset.walletBalance, crossWalletBalance: asset.crossWalletBalance,
      crossUnPnl: asset.crossUnPnl, availableBalance: asset.availableBalance, maxWithdrawAmount: asset.maxWithdrawAmount, marginAvailable: true, updateTime: asset.updateTime })));
  }

  /** `GET …/commissionRate`: the account's fee tier for one symbol, decimals per fill. */
  function commissionRate(params: Params, context: SimContext, apiKey: string): SimResponse {
    const instrument = instrumentOf(params, context);
    if (isResponse(instrument)) return instrument;
    const fees = context.accounts.feeRates(VENUE, apiKey);
    return ok({ symbol: instrument.id, makerCommissionRate: decimalString(fees.maker), takerCommissionRate: decimalString(fees.taker) });
  }

  const positionSideDual: Handler = (_params, context, apiKey) => ok({ dualSidePosition: context.accounts.hedgeMode(VENUE, apiKey) });

  return {
    rejection,
    exchangeInfo, premiumIndex, fundingInfo, fundingRateHistory, ticker24hr, bookTicker, depth, klines, openInterest,
    account, balance, commissionRate, positionSideDual, positionRisk, leverageBracket, setLeverage, setMarginType,
    placeOrder, queryOrder, cancelOrder, cancelAll, openOrders, allOrders, userTrades, income,
  };
}

/** Routes a request to its public handler, or checks its signature and runs its private one. */
export function handleBinanceShaped(
  request: SimRequest, context: SimContext, routes: { public: Record<string, Handler>; private: Record<string, Handler> },
  rejection: (reason: RejectionReason, instrument?: SimInstrument) => SimResponse, venue: VenueId,
  authenticate: (request: SimRequest, context: SimContext) => { apiKey: string; params: Params } | SimResponse,
): SimResponse | undefined {
  const route = `${request.method} ${request.path}`;
  const publicHandler = routes.public[route];
  if (publicHandler) return publicHandler(request.query, context, '');
  const privateHandler = routes.private[route];
  if (!privateHandler) return undefined;
  const auth = authenticate(request, context);
  if (isResponse(auth)) return auth;
  try {
    return privateHandler(auth.params, context, auth.apiKey);
  } catch (caught) {
    if (caught instanceof SimRejection) return rejection(caught.reason, context.market.instrument(venue, auth.params.get('symbol') ?? ''));
    throw caught;
  }
}

/** Which order a Binance-shaped query or cancel names: its id or the client id it was sent with. */
export function orderRef(params: Params): { orderId?: string; clientOrderId?: string } {
  return { orderId: params.get('orderId') ?? undefined, clientOrderId: params.get('origClientOrderId') ?? undefined };
}
