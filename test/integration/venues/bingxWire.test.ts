/**
 * BingX: every public read the terminal makes, the simulator's raw answer against the real
 * BingX answers ccxt recorded; the market definitions against ccxt's recorded markets; what
 * the adapter makes of the premium index (each contract's own interval, next settlement, rate);
 * and the signed calls the live broker makes, against ccxt's recorded answers where it recorded
 * one (funding income, tiers) and BingX's documented ones elsewhere, with the orders as they
 * leave ccxt (docs/venues.md, "BingX").
 */
import type { MarketInterface } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { bingxSpec, createBingxAdapter } from '../../../electron/backend/markets/bingx.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, settleOnce, startWireSimulator } from './wireHarness.ts';
import { wireClient } from './venueClients.ts';
import { credentialsFor } from '../trading/harness.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { readMarketInfo } from '../../../electron/backend/trading/venueMarket.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
let signed: WireClient;
/** The query of each signed request ccxt sent, by method and path (BingX takes every parameter in the query). */
const sent = new Map<string, URLSearchParams[]>();
const saved = new Map<string, unknown>();
type Rows = { code: number; data: Array<Record<string, unknown>> };
const first = (answer: unknown) => ({ ...(answer as Rows), data: (answer as Rows).data[0] });

const CASES: WireCase[] = [
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /openApi/swap/v2/quote/premiumIndex' },
  { method: 'fetchFundingRate', fixture: 'fetchFundingRate', route: 'GET /openApi/swap/v2/quote/premiumIndex' },
  // The recording is one symbol's ticker; the terminal reads the list, whose rows are the same object.
  { method: 'fetchTickers', fixture: 'fetchTicker', route: 'GET /openApi/swap/v2/quote/ticker', pick: first },
  {
    method: 'loadMarkets', fixture: 'contracts', route: 'GET /openApi/swap/v2/quote/contracts',
    pick: (answer) => ({ ...(answer as Rows), data: (answer as Rows).data.filter((row) => row.symbol === 'BTC-USDT') }),
  },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /openApi/swap/v2/quote/fundingRate' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /openApi/swap/v3/quote/klines' },
];

beforeAll(async () => {
  sim = await startWireSimulator(['bingx']);
  const keyless = createExchange('bingx', bingxSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  client = capturingClient(keyless, 'bingx');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRate(SYMBOL);
  saved.set('fetchFundingRate', client.answer('GET', '/openApi/swap/v2/quote/premiumIndex'));
  await ex.fetchFundingRates();
  saved.set('fetchFundingRates', client.answer('GET', '/openApi/swap/v2/quote/premiumIndex'));
  await ex.fetchTickers();
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  adapter = createBingxAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange, signed.exchange], sim }));

describeWireCases('bingx', CASES, () => ({ client, saved }));

/** A precision the recording states in decimal places (ccxt of that day), as a tick or step. */
const step = (decimals: number | undefined) => Number(`1e-${decimals ?? 0}`);

describeMarketDefinitions('bingx', () => client, ['BTC/USDT:USDT', 'LTC/USDT:USDT'], {
  // ccxt 4.5.84 reads no leverage cap from BingX's contract rows; the recording's ccxt did.
  skip: ['precision.amount', 'precision.price', 'limits.leverage.max'],
  extra: (real: MarketInterface, simulated: MarketInterface) => {
    expect([simulated.precision.amount, simulated.precision.price]).toEqual([step(real.precision.amount), step(real.precision.price)]);
    expect(simulated.info.maxLongLeverage).toBe(real.info.maxLongLeverage);
  },
});

describe('bingx: what the terminal reads from the wire', () => {
  it('every quote carries its contract\'s own interval and next settlement, and the rate the simulator runs', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('bingx').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('bingx', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours, rate: quote.rate })
        .toEqual({ symbol: quote.symbol, next: funding.nextFundingTime, hours: funding.intervalHours, rate: funding.rate });
    }
  });

  it('the intervals mix 1 h, 4 h and 8 h', async () => {
    const quotes = await adapter.poll();
    expect([...new Set(quotes.map((quote) => quote.intervalHours))].sort((a, b) => a - b)).toEqual([1, 4, 8]);
  });

  it('BTC-USDT is BTC in coins, its rate the running period\'s (predicted), its volume the tickers\' USDT turnover', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const market = adapter.markets().find((m) => m.symbol === SYMBOL)!;
    expect([btc.base, market.id, market.units.coinsPerAmount, btc.rateKind]).toEqual(['BTC', 'BTC-USDT', 1, 'predicted']);
    expect(btc.volume24hUsd).toBeCloseTo(sim.market.ticker('bingx', 'BTC-USDT').volume24hQuote, 0);
  });

  it('a poll asks for the premium index only once the tickers are cached, and loading markets reads the three lists', async () => {
    await adapter.poll();
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /openApi/swap/v2/quote/premiumIndex']);
    expect(client.answer('GET', '/openApi/cswap/v1/market/contracts')).toMatchObject({ code: 0, data: [] });
    expect(client.answer('GET', '/openApi/spot/v1/common/symbols')).toMatchObject({ code: 0, data: { symbols: [] } });
  });
});

/** Signed, as the live broker opens it: margin type and leverage, a market buy read back, a resting limit, a position held over a settlement. */
async function signedFlow(): Promise<void> {
  signed = wireClient(sim, 'bingx');
  const sx = signed.exchange;
  const fetch = (sx.fetch as (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>).bind(sx);
  sx.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    const parsed = new URL(url);
    const key = `${method} ${parsed.pathname}`;
    sent.set(key, [...(sent.get(key) ?? []), parsed.searchParams]);
    return fetch(url, method, headers, body);
  }) as typeof sx.fetch;
  await sx.loadMarkets();
  await sx.setMarginMode('isolated', SYMBOL);
  await sx.fetchMarginMode(SYMBOL);
  await sx.setLeverage(3, SYMBOL, { side: 'BOTH' });
  await sx.fetchPositionMode(SYMBOL);
  await sx.createOrder(SYMBOL, 'market', 'buy', 0.015, undefined, { clientOrderId: 'ftwire0001' });
  await sx.fetchOrder(undefined as unknown as string, SYMBOL, { clientOrderId: 'ftwire0001' });
  const price = Number(sx.priceToPrecision(SYMBOL, sim.market.ticker('bingx', 'BTC-USDT').last * 0.8));
  const resting = await sx.createOrder(SYMBOL, 'limit', 'buy', 0.001, price, { clientOrderId: 'ftwire0002' });
  await sx.fetchOpenOrders(SYMBOL);
  await sx.cancelOrder(String(resting.id), SYMBOL);
  await sx.fetchOrderBook(SYMBOL, 20);
  await sx.fetchBalance();
  await sx.fetchPositions([SYMBOL]);
  await sx.fetchTradingFee(SYMBOL);
  await readMarketInfo(sx, SYMBOL);
  settleOnce(sim, 'bingx', 'BTC-USDT');
  await sx.fetchFundingHistory(SYMBOL, 0);
}

/** BingX's order reference lists `clientOrderId` on an order row (ccxt quotes it on the coin-margined rows only); the open-orders read needs it. */
const CLIENT_ID_ROW = { 'extra $.data.order.clientOrderId': 'BingX\'s swap order reference lists clientOrderId on order rows; ccxt quotes it on its coin-margined rows' };

/** The signed calls the live broker makes: recorded real answers where ccxt recorded one, BingX's documented ones elsewhere. */
const SIGNED_CASES: WireCase[] = [
  { method: 'fetchMarginMode', fixture: 'fetchMarginMode', route: 'GET /openApi/swap/v2/trade/marginType' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /openApi/swap/v2/trade/leverage' },
  { method: 'fetchPositionMode', fixture: 'fetchPositionMode', route: 'GET /openApi/swap/v1/positionSide/dual' },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /openApi/swap/v2/trade/order' },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /openApi/swap/v2/trade/order', allowed: CLIENT_ID_ROW },
  { method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: 'GET /openApi/swap/v2/trade/openOrders', allowed: { 'extra $.data.orders[].clientOrderId': CLIENT_ID_ROW['extra $.data.order.clientOrderId'] } },
  { method: 'cancelOrder', fixture: 'cancelOrder', route: 'DELETE /openApi/swap/v2/trade/order', allowed: CLIENT_ID_ROW },
  { method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: 'GET /openApi/swap/v2/quote/depth' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /openApi/swap/v3/user/balance' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /openApi/swap/v2/user/positions' },
  { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /openApi/swap/v2/user/commissionRate' },
  { method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /openApi/swap/v1/maintMarginRatio' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /openApi/swap/v2/user/income' },
];

// After the public reads: the flow moves the simulated clock over a settlement.
describe('bingx: signed calls', () => {
  beforeAll(signedFlow);

  describeWireCases('bingx', SIGNED_CASES, () => ({ client: signed }));

  it('an order states its quantity in coins, positionSide BOTH (one-way) and our clientOrderID; the margin type and the leverage are set per symbol', () => {
    const [market, limit] = sent.get('POST /openApi/swap/v2/trade/order')!.map((q) => Object.fromEntries(q));
    expect(market).toMatchObject({ clientOrderID: 'ftwire0001', side: 'BUY', symbol: 'BTC-USDT', type: 'MARKET', quantity: '0.015', positionSide: 'BOTH' });
    expect(limit).toMatchObject({ clientOrderID: 'ftwire0002', type: 'LIMIT', quantity: '0.001', positionSide: 'BOTH' });
    expect(sent.get('POST /openApi/swap/v2/trade/marginType')!.map((q) => q.get('marginType'))).toEqual(['ISOLATED']);
    expect(sent.get('POST /openApi/swap/v2/trade/leverage')!.map((q) => [q.get('side'), q.get('leverage')])).toEqual([['BOTH', '3']]);
    const held = sim.accounts.positions('bingx', credentialsFor('bingx').apiKey).find((p) => p.instrumentId === 'BTC-USDT')!;
    expect([held.size, held.marginMode, held.leverage]).toEqual([0.015, 'isolated', 3]);
  });

  it('ccxt reads the filled order by our client id, its fee from the row\'s commission', async () => {
    const order = await signed.exchange.fetchOrder(undefined as unknown as string, SYMBOL, { clientOrderId: 'ftwire0001' });
    expect([order.status, order.filled, order.amount, order.clientOrderId]).toEqual(['closed', 0.015, 0.015, 'ftwire0001']);
    expect(order.fee?.cost).toBeCloseTo(0.015 * order.average! * 0.0005, 9);
  });

  it('a long position reads long in coins, its value at the mark', async () => {
    const [position] = await signed.exchange.fetchPositions([SYMBOL]);
    expect([position.side, position.contracts, position.marginMode]).toEqual(['long', 0.015, 'isolated']);
    expect(position.notional).toBeCloseTo(0.015 * position.markPrice!, 4);
  });

  it('the live broker journals a BingX short in coins with its fee, reads it back short, and the kill switch\'s reduce-only close flattens it', async () => {
    const broker = await createLiveBroker({ venue: 'bingx', credentials: credentialsFor('bingx'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      await broker.setLeverage('ETH/USDT:USDT', 2, 'cross');
      const order = await broker.createOrder({ symbol: 'ETH/USDT:USDT', side: 'sell', type: 'market', quantity: 0.05, reduceOnly: false, clientOrderId: 'ftwirebroker01', marginMode: 'cross' });
      expect([order.status, order.filled, order.clientOrderId]).toEqual(['filled', 0.05, 'ftwirebroker01']);
      expect(order.fee).toBeCloseTo(0.05 * order.averagePrice! * 0.0005, 9);
      const short = (await broker.positions()).find((p) => p.symbol === 'ETH/USDT:USDT')!;
      expect(short.size).toBe(-0.05);
      expect(short.venueUsd).toBeCloseTo(0.05 * short.markPrice, 4);
      const close = await broker.createOrder({ symbol: 'ETH/USDT:USDT', side: 'buy', type: 'market', quantity: 0.05, reduceOnly: true, clientOrderId: 'ks-wire-close-01' });
      expect([close.status, close.filled, close.reduceOnly]).toEqual(['filled', 0.05, true]);
      expect((await broker.positions()).find((p) => p.symbol === 'ETH/USDT:USDT')).toBeUndefined();
      const modes = sim.accounts.orders('bingx', credentialsFor('bingx').apiKey).filter((o) => o.instrumentId === 'ETH-USDT').map((o) => [o.clientOrderId, o.marginMode]);
      expect(modes).toEqual([['ftwirebroker01', 'cross'], ['ks-wire-close-01', 'cross']]);
    } finally {
      await broker.close();
    }
  });

  it('an account in hedge mode is refused before anything is sent', async () => {
    const other = 'hedge-key';
    sim.credentials.add({ venue: 'bingx', apiKey: other, secret: 'hedge-secret' });
    sim.accounts.setHedgeMode('bingx', other, true);
    const broker = await createLiveBroker({ venue: 'bingx', credentials: { apiKey: other, secret: 'hedge-secret' }, connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      await expect(broker.setLeverage(SYMBOL, 2, 'isolated')).rejects.toThrow(/hedge \(dual-side\) position mode/);
      expect(sim.accounts.orders('bingx', other)).toEqual([]);
    } finally {
      await broker.close();
    }
  });

  type Sign = (...args: unknown[]) => { url: string };
  /** A signature changed after ccxt made it. */
  const tampered = (exchange: WireClient['exchange']) => {
    const sign = (exchange.sign as unknown as Sign).bind(exchange);
    Object.assign(exchange, { sign: (...args: unknown[]) => {
      const request = sign(...args);
      return { ...request, url: request.url.replace(/signature=./, 'signature=x') };
    } });
  };
  it.each([
    ['a signature that is not the request\'s', tampered, /100001.*Signature verification failed/],
    ['an unknown key', (exchange: WireClient['exchange']) => Object.assign(exchange, { apiKey: 'no-such-key' }), /100413.*Incorrect apiKey/],
    ['a timestamp 10 s off', (exchange: WireClient['exchange']) => Object.assign(exchange, { nonce: () => Date.now() - 10_000 }), /100421.*timestamp mismatch/],
  ])('%s is refused as BingX refuses it', async (_name, change, message) => {
    const other = wireClient(sim, 'bingx');
    await other.exchange.loadMarkets();
    change(other.exchange);
    await expect(other.exchange.fetchBalance()).rejects.toThrow(message);
    await other.exchange.close();
  });
});
