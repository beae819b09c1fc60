/**
 * Paradex: every public read the terminal makes, the simulator's raw answer against the real
 * Paradex answers ccxt recorded; the market definitions against ccxt's recorded markets; and
 * what the adapter makes of the markets summary (continuous funding quoted per 8-h period, no
 * settlement time, open interest in coins) and of the funding data (one observation per period).
 * Then ccxt's signed path against the simulator's private endpoints: the StarkNet account ccxt
 * derives, the token, orders in base units with their signature, positions (a short's size
 * negative), balance, fills, funding payments, the margin config, and the refusals.
 */
import ccxt, { type Exchange, type MarketInterface } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createParadexAdapter, paradexSpec } from '../../../electron/backend/markets/paradex.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, settleOnce, startWireSimulator } from './wireHarness.ts';
import { credentialsFor, PARADEX_ACCOUNT, PARADEX_KEY } from '../trading/harness.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';

const SYMBOL = 'BTC/USD:USDC';
const HOUR_MS = 3_600_000;
const P = '/paradex/v1';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
let signed: WireClient | undefined;
type Results = { results: Array<Record<string, unknown>> };
const only = (id: string) => (answer: unknown) => ({ ...(answer as Results), results: (answer as Results).results.filter((row) => row.symbol === id) });
const first = (answer: unknown) => ({ ...(answer as Results), results: (answer as Results).results.slice(0, 1) });

const CASES: WireCase[] = [
  {
    method: 'loadMarkets', fixture: 'fetchMarkets', route: `GET ${P}/markets`, pick: only('BTC-USD-PERP'),
    allowed: { 'extra $.results[].funding_period_hours': 'Paradex states each market\'s funding period on current answers (ccxt 4.5.84 reads it into the rate\'s interval); the 2024 recording predates it' },
  },
  // The recording is one market's summary; ccxt's fetchFundingRates asks for ALL, whose rows are the same object.
  { method: 'fetchFundingRates', fixture: 'fetchTickers', route: `GET ${P}/markets/summary`, pick: only('BTC-USD-PERP') },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: `GET ${P}/funding/data`, pick: first },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: `GET ${P}/markets/klines`, pick: first },
  {
    method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: `GET ${P}/orderbook/BTC-USD-PERP`,
    pick: (answer) => { const book = answer as { asks: unknown[]; bids: unknown[] }; return { ...book, asks: book.asks.slice(0, 1), bids: book.bids.slice(0, 1) }; },
  },
  { method: 'fetchTime', fixture: 'fetchTime', route: `GET ${P}/system/time` },
];

beforeAll(async () => {
  sim = await startWireSimulator(['paradex']);
  const keyless = createExchange('paradex', paradexSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  client = capturingClient(keyless, 'paradex');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates();
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  await ex.fetchOrderBook(SYMBOL);
  await ex.fetchTime();
  adapter = createParadexAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange, ...(signed ? [signed.exchange] : [])], sim }));

describeWireCases('paradex', CASES, () => ({ client }));

describeMarketDefinitions('paradex', () => client, [SYMBOL], {
  // The recorded ccxt stated no unified precision or limits: the step, tick and margin floor are compared with the recorded row.
  extra: (real: MarketInterface, simulated: MarketInterface) => {
    expect([simulated.precision.amount, simulated.precision.price]).toEqual([Number(real.info.order_size_increment), Number(real.info.price_tick_size)]);
    expect(simulated.info.delta1_cross_margin_params.imf_base).toBe(real.info.delta1_cross_margin_params.imf_base);
    expect([simulated.info.asset_kind, simulated.info.settlement_currency, simulated.linear]).toEqual(['PERP', 'USDC', true]);
  },
});

describe('paradex: what the terminal reads from the wire', () => {
  it('every quote carries the simulator\'s running rate for an 8-h period, no settlement time (funding is continuous), and its mark', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('paradex').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('paradex', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours, rate: quote.rate, kind: quote.rateKind })
        .toEqual({ symbol: quote.symbol, next: null, hours: 8, rate: funding.rate, kind: 'predicted' });
    }
  });

  it('BTC-USD-PERP is BTC in coins settled in USDC; open interest is its coins at the mark, volume the USD turnover, the touch the book\'s', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const market = adapter.markets().find((m) => m.symbol === SYMBOL)!;
    const ticker = sim.market.ticker('paradex', 'BTC-USD-PERP');
    expect([btc.base, market.id, market.settle, market.units.coinsPerAmount]).toEqual(['BTC', 'BTC-USD-PERP', 'USDC', 1]);
    expect(btc.openInterestUsd! / (ticker.openInterestBase * ticker.mark)).toBeCloseTo(1, 3);
    expect(btc.volume24hUsd).toBeCloseTo(ticker.volume24hQuote, 0);
    expect([btc.bid, btc.ask]).toEqual([ticker.bid, ticker.ask].map((p) => Number(p.toFixed(1))));
  });

  it('kPEPE-USD-PERP is a thousand PEPE per price unit (ccxt upper-cases the base; the row keeps `kPEPE`)', async () => {
    await adapter.poll();
    const pepe = adapter.markets().find((m) => m.id === 'kPEPE-USD-PERP');
    expect(pepe && [pepe.base, pepe.multiplier]).toEqual(['PEPE', 1000]);
  });

  it('a poll is one markets-summary call for every market', async () => {
    await adapter.poll();
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${P}/markets/summary`]);
  });

  it('funding history is one observation of the rate at each 8-h boundary (not every row Paradex lists), each for an 8-h period', async () => {
    const now = sim.clock.now();
    const since = now - 2 * 86_400_000;
    sim.log.clear();
    const points = await adapter.fundingHistory(SYMBOL, since, now);
    const expected = sim.market.fundingHistory('paradex', 'BTC-USD-PERP', { since, until: now });
    expect(points.map((p) => [p.time, p.rate, p.intervalHours])).toEqual(expected.map((s) => [s.time, s.rate, 8]));
    expect(points.every((p) => p.time % (8 * HOUR_MS) === 0)).toBe(true);
    expect(sim.log.list().filter((entry) => entry.path === `${P}/funding/data`).length).toBe(Math.floor(now / (8 * HOUR_MS)) - Math.ceil(since / (8 * HOUR_MS)) + 1);
  });

  it('4-h closes are read from Paradex\'s hourly candles (it serves none longer), one per 4-h boundary and the running one', async () => {
    const now = sim.clock.now();
    const since = Math.floor((now - 86_400_000) / (4 * HOUR_MS)) * 4 * HOUR_MS;
    const points = await adapter.priceHistory(SYMBOL, since, '4h', now);
    const hourly = sim.market.candles('paradex', 'BTC-USD-PERP', HOUR_MS, { since, until: now });
    const closeAt = new Map(hourly.map((c) => [Math.min(c.time + HOUR_MS, now), c.close]));
    expect(points.length).toBeGreaterThanOrEqual(6);
    for (const point of points) {
      expect(point.time === now || point.time % (4 * HOUR_MS) === 0).toBe(true);
      expect(point.close).toBeCloseTo(closeAt.get(point.time)!, 6);
    }
  });
});

/** A signed ccxt paradex over the simulator, with the test wallet's Ethereum address and key (what ccxt requires). */
function signedExchange(): Exchange {
  const exchange = createExchange('paradex', paradexSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  const wallet = credentialsFor('paradex');
  Object.assign(exchange, { walletAddress: wallet.apiKey, privateKey: wallet.secret });
  return exchange;
}

interface Sent { method: string; path: string; headers: Record<string, string>; body: Record<string, unknown> | undefined }
const sent: Sent[] = [];
const sentTo = (method: string, path: string) => sent.filter((s) => s.method === method && s.path === path);
const ACCOUNT = PARADEX_ACCOUNT.address;
const ORDERS = `${P}/orders`;

/** As the live broker would trade: margin config, a market buy read back by client id, a resting limit cancelled, a position over a settlement. */
async function signedFlow(): Promise<void> {
  signed = capturingClient(signedExchange(), 'paradex signed');
  const sx = signed.exchange;
  const fetch = (sx.fetch as (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>).bind(sx);
  sx.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    sent.push({ method, path: new URL(url).pathname, headers: { ...(headers as Record<string, string>) }, body: typeof body === 'string' ? JSON.parse(body) as Record<string, unknown> : undefined });
    return fetch(url, method, headers, body);
  }) as typeof sx.fetch;
  await sx.loadMarkets();
  await sx.setLeverage(3, SYMBOL, { marginMode: 'cross' });
  await sx.fetchLeverage(SYMBOL);
  await sx.createOrder(SYMBOL, 'market', 'buy', 0.015, undefined, { clientOrderId: 'ft-wire-0001' });
  await sx.fetchOrder(undefined as unknown as string, SYMBOL, { clientOrderId: 'ft-wire-0001' });
  const price = Number(sx.priceToPrecision(SYMBOL, sim.market.ticker('paradex', 'BTC-USD-PERP').last * 0.8));
  const resting = await sx.createOrder(SYMBOL, 'limit', 'sell', 0.001, price * 1.5, { clientOrderId: 'ft-wire-0002', reduceOnly: true });
  await sx.fetchOpenOrders(SYMBOL);
  await sx.cancelOrder(String(resting.id), SYMBOL);
  await sx.fetchBalance();
  // The account summary the live broker's balance reads (ccxt has no unified call for it).
  await (sx as unknown as { privateGetAccount(): Promise<unknown> }).privateGetAccount();
  await sx.fetchPositions([SYMBOL]);
  await sx.fetchMyTrades(SYMBOL);
  settleOnce(sim, 'paradex', 'BTC-USD-PERP');
  await sx.fetchFundingHistory(SYMBOL, 0);
}

/**
 * Paradex's `seq_no` is beyond 2^53, so ccxt re-reads every number of such an answer as a string
 * (its `quoteJsonNumbers`): what ccxt's recordings show, and what the capture here sees. The
 * quoted documented rows keep the numbers Paradex sends.
 */
const QUOTED = (at: string) => Object.fromEntries(['created_at', 'last_updated_at', 'published_at', 'received_at', 'seq_no', 'timestamp']
  .map((field) => [`type ${at}.${field}`, 'Paradex sends a number; its seq_no beyond 2^53 makes ccxt read every number of the answer as a string']));
const SIGNED_CASES: WireCase[] = [
  { method: 'fetchSystemConfig', fixture: 'systemConfig', route: `GET ${P}/system/config` },
  { method: 'authenticateRest', fixture: 'auth', route: `POST ${P}/auth` },
  { method: 'setLeverage', fixture: 'setLeverage', route: `POST ${P}/account/margin/BTC-USD-PERP` },
  { method: 'fetchLeverage', fixture: 'fetchLeverage', route: `GET ${P}/account/margin` },
  { method: 'createOrder', fixture: 'createOrder', route: `POST ${ORDERS}`, allowed: QUOTED('$') },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: `GET ${ORDERS}/by_client_id/ft-wire-0001` },
  { method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: `GET ${ORDERS}`, allowed: QUOTED('$.results[]') },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: `GET ${P}/balance` },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: `GET ${P}/positions` },
  {
    method: 'privateGetAccount', fixture: 'fetchAccount', route: `GET ${P}/account`,
    allowed: Object.fromEntries(['seq_no', 'updated_at'].map((field) => [`type $.${field}`, QUOTED('$')['type $.seq_no']])),
  },
  { method: 'fetchMyTrades', fixture: 'fetchMyTrades', route: `GET ${P}/fills` },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: `GET ${P}/funding/payments` },
];

describe('paradex: signed calls', () => {
  beforeAll(signedFlow);

  describeWireCases('paradex', SIGNED_CASES, () => ({ client: signed! }));

  it('ccxt derives from the test wallet the StarkNet account the simulator has onboarded', async () => {
    const exchange = signedExchange();
    exchange.options.systemConfig = recorded('paradex', 'systemConfig').response;
    const account = await (exchange as unknown as { retrieveAccount(): Promise<{ address: string; publicKey: string }> }).retrieveAccount();
    expect([account.address, account.publicKey]).toEqual([PARADEX_ACCOUNT.address, PARADEX_ACCOUNT.publicKey]);
    expect(new ccxt.paradex().ethGetAddressFromPrivateKey(PARADEX_KEY)).toBe(credentialsFor('paradex').apiKey);
  });

  it('ccxt asks for one token, with the account and a well-formed StarkNet signature in the headers, then presents it as a bearer token', () => {
    const [auth, ...others] = sentTo('POST', `${P}/auth`);
    expect(others).toEqual([]);
    expect(auth.headers['PARADEX-STARKNET-ACCOUNT']).toBe(ACCOUNT);
    expect(JSON.parse(auth.headers['PARADEX-STARKNET-SIGNATURE']) as string[]).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    expect(Number(auth.headers['PARADEX-SIGNATURE-EXPIRATION']) - Number(auth.headers['PARADEX-TIMESTAMP'])).toBe(180);
    const token = (signed!.answer('POST', `${P}/auth`) as { jwt_token: string }).jwt_token;
    const privateCalls = sent.filter((s) => s.path !== `${P}/auth` && s.path !== `${P}/system/config` && s.path !== `${P}/markets`);
    expect(privateCalls.length).toBeGreaterThan(8);
    expect(privateCalls.every((s) => s.headers.Authorization === `Bearer ${token}`)).toBe(true);
  });

  it('an order goes out in base units (no contract multiplier) with our client_id, its side and type, its signature and time; a reduce-only close says REDUCE_ONLY', async () => {
    const [market, limit] = sentTo('POST', ORDERS).map((s) => s.body!);
    expect(market).toMatchObject({ market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.015', client_id: 'ft-wire-0001' });
    expect(market.flags).toBeUndefined();
    expect(limit).toMatchObject({ type: 'LIMIT', side: 'SELL', size: '0.001', client_id: 'ft-wire-0002', instruction: 'GTC', flags: ['REDUCE_ONLY'] });
    expect(JSON.parse(String(market.signature)) as string[]).toHaveLength(2);
    expect(Math.abs(Number(market.signature_timestamp) - Date.now())).toBeLessThan(60_000);
    await signed!.exchange.createOrder(SYMBOL, 'market', 'sell', 0.005, undefined, { reduceOnly: true, clientOrderId: 'ks-wire-close-01' });
    expect(sentTo('POST', ORDERS).at(-1)!.body).toMatchObject({ side: 'SELL', size: '0.005', flags: ['REDUCE_ONLY'] });
    expect(sim.accounts.position('paradex', ACCOUNT, 'BTC-USD-PERP').size).toBeCloseTo(0.01, 9);
  });

  it('the answer to an order is the order as received (NEW, nothing filled); read back by client id it is closed and filled, its fee in the fills', async () => {
    const created = signed!.answer('POST', ORDERS) as { status: string; remaining_size: string; avg_fill_price: string };
    expect([created.status, created.avg_fill_price]).toEqual(['NEW', '']);
    const order = await signed!.exchange.fetchOrder(undefined as unknown as string, SYMBOL, { clientOrderId: 'ft-wire-0001' });
    expect([order.status, order.filled, order.amount, order.clientOrderId]).toEqual(['closed', 0.015, 0.015, 'ft-wire-0001']);
    const fills = (await signed!.exchange.fetchMyTrades(SYMBOL)).filter((t) => t.order === order.id);
    expect(fills.reduce((sum, t) => sum + t.amount!, 0)).toBeCloseTo(0.015, 9);
    expect(fills.reduce((sum, t) => sum + t.fee!.cost!, 0)).toBeCloseTo(0.015 * order.average! * sim.accounts.feeRates('paradex', ACCOUNT).taker, 8);
  });

  it('a short is sent with a negative size, which ccxt reads as a short of positive contracts', async () => {
    await signed!.exchange.createOrder('ETH/USD:USDC', 'market', 'sell', 0.2, undefined, { clientOrderId: 'ft-wire-short' });
    const raw = (signed!.exchange as unknown as { privateGetPositions(): Promise<{ results: Array<{ market: string; side: string; size: string; cost: string }> }> });
    const rows = (await raw.privateGetPositions()).results.filter((r) => r.market === 'ETH-USD-PERP');
    expect(rows.map((r) => [r.side, Number(r.size), Math.sign(Number(r.cost))])).toEqual([['SHORT', -0.2, -1]]);
    const short = (await signed!.exchange.fetchPositions(['ETH/USD:USDC']))[0];
    expect([short.side, short.contracts]).toEqual(['short', 0.2]);
  });

  it('funding payments are the account\'s P&L: a long at a positive rate pays (negative), each the settlement\'s size x mark x rate', async () => {
    const income = sim.accounts.income('paradex', ACCOUNT, { instrumentId: 'BTC-USD-PERP' });
    expect(income.length).toBeGreaterThan(0);
    const history = await signed!.exchange.fetchFundingHistory(SYMBOL, 0);
    expect(history.map((h) => h.amount).sort()).toEqual(income.map((i) => Number(i.amount.toFixed(8))).sort());
    for (const i of income) expect(Math.sign(i.amount)).toBe(-Math.sign(i.rate * i.positionSize));
    expect(history.every((h) => h.code === 'USDC')).toBe(true);
  });

  it('the margin config is per market, cross only: leverage 3 is set and read back; ISOLATED and a leverage past the cap are refused', async () => {
    const leverage = await signed!.exchange.fetchLeverage(SYMBOL);
    expect([leverage.marginMode, leverage.longLeverage]).toEqual(['cross', 3]);
    expect(sentTo('POST', `${P}/account/margin/BTC-USD-PERP`)[0].body).toEqual({ leverage: 3, margin_type: 'CROSS' });
    await expect(signed!.exchange.setLeverage(2, SYMBOL, { marginMode: 'isolated' })).rejects.toThrow(ccxt.BadRequest);
    const cap = sim.market.instrument('paradex', 'BTC-USD-PERP')!.maxLeverage;
    await expect(signed!.exchange.setLeverage(cap + 1, SYMBOL, { marginMode: 'cross' })).rejects.toThrow(/INVALID_REQUEST_PARAMETER/);
    expect(sim.accounts.leverage('paradex', ACCOUNT, 'BTC-USD-PERP').leverage).toBe(3);
  });

  it('an order below the minimum value is taken and closed at once with ORDER_SIZE_BELOW_MIN (ccxt: canceled); one past the margin with NOT_ENOUGH_MARGIN (ccxt: rejected)', async () => {
    const cheap = sim.market.instruments('paradex').find((i) => i.stepSize * sim.market.ticker('paradex', i.id).mark < i.minNotional / 2)!;
    const cheapSymbol = adapter.markets().find((m) => m.id === cheap.id)!.symbol;
    const small = await signed!.exchange.createOrder(cheapSymbol, 'market', 'buy', cheap.stepSize, undefined, { clientOrderId: 'ft-wire-small' });
    expect(small.status).toBe('open');
    const read = await signed!.exchange.fetchOrder(undefined as unknown as string, cheapSymbol, { clientOrderId: 'ft-wire-small' });
    expect([read.status, read.info.cancel_reason]).toEqual(['canceled', 'ORDER_SIZE_BELOW_MIN']);
    await signed!.exchange.createOrder(SYMBOL, 'market', 'buy', 100, undefined, { clientOrderId: 'ft-wire-huge' });
    const huge = await signed!.exchange.fetchOrder(undefined as unknown as string, SYMBOL, { clientOrderId: 'ft-wire-huge' });
    expect([huge.status, huge.info.cancel_reason]).toEqual(['rejected', 'NOT_ENOUGH_MARGIN']);
    await expect(signed!.exchange.cancelOrder(String(huge.id), SYMBOL)).rejects.toThrow(ccxt.InvalidOrder);
  });

  it('client_id: 64 characters are taken, 65 refused before the engine; a used one is refused as DUPLICATED_CLIENT_ID', async () => {
    const price = Number(signed!.exchange.priceToPrecision(SYMBOL, sim.market.ticker('paradex', 'BTC-USD-PERP').last * 0.8));
    await signed!.exchange.createOrder(SYMBOL, 'limit', 'buy', 0.001, price, { clientOrderId: 'k'.repeat(64) });
    await expect(signed!.exchange.createOrder(SYMBOL, 'limit', 'buy', 0.001, price, { clientOrderId: 'k'.repeat(65) })).rejects.toThrow(/client_id must be at most 64/);
    await expect(signed!.exchange.createOrder(SYMBOL, 'limit', 'buy', 0.001, price, { clientOrderId: 'k'.repeat(64) })).rejects.toThrow(ccxt.InvalidOrder);
    await signed!.exchange.cancelAllOrders(SYMBOL);
    expect(sim.accounts.openOrders('paradex', ACCOUNT, 'BTC-USD-PERP')).toEqual([]);
  });

  it('the live broker (built, not yet offered: Paradex stays monitoring only) journals a short in base units with the fills\' fee, reads it short at the mark its row implies, and the kill switch\'s reduce-only close flattens it', async () => {
    const ETH = 'ETH/USD:USDC';
    const live = await createLiveBroker({ venue: 'paradex', credentials: credentialsFor('paradex'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      await live.setLeverage(ETH, 2, 'cross');
      expect(sim.accounts.leverage('paradex', ACCOUNT, 'ETH-USD-PERP').leverage).toBe(2);
      const before = (await live.positions()).find((p) => p.symbol === ETH)?.size ?? 0;
      const order = await live.createOrder({ symbol: ETH, side: 'sell', type: 'market', quantity: 0.05, reduceOnly: false, clientOrderId: 'ftwirebroker01', marginMode: 'cross' });
      expect([order.status, order.filled, order.clientOrderId]).toEqual(['filled', 0.05, 'ftwirebroker01']);
      expect(order.fee).toBeCloseTo(0.05 * order.averagePrice! * sim.accounts.feeRates('paradex', ACCOUNT).taker, 8);
      const short = (await live.positions()).find((p) => p.symbol === ETH)!;
      const mark = sim.market.ticker('paradex', 'ETH-USD-PERP').mark;
      expect(short.size).toBeCloseTo(before - 0.05, 9);
      expect(short.markPrice).toBeCloseTo(mark, 4);
      expect(short.venueUsd!).toBeCloseTo(Math.abs(short.size) * mark, 4);
      const close = await live.createOrder({ symbol: ETH, side: 'buy', type: 'market', quantity: Math.abs(short.size), reduceOnly: true, clientOrderId: 'ks-wire-close-02' });
      expect([close.status, close.reduceOnly]).toEqual(['filled', true]);
      expect((await live.positions()).find((p) => p.symbol === ETH)).toBeUndefined();
    } finally {
      await live.close();
    }
  });

  it('the live broker reads a market\'s leverage cap from its initial margin floor (ccxt states none, Paradex lists no tiers): 1 / imf_base, and the lot in coins', async () => {
    const broker = await createLiveBroker({ venue: 'paradex', credentials: credentialsFor('paradex'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      for (const id of ['BTC-USD-PERP', 'ETH-USD-PERP']) {
        const instrument = sim.market.instrument('paradex', id)!;
        const info = await broker.marketInfo(adapter.markets().find((m) => m.id === id)!.symbol);
        expect([info.maxLeverage, info.tiers, info.lot?.step, info.lot?.minNotional]).toEqual([instrument.maxLeverage, null, instrument.stepSize, instrument.minNotional]);
      }
      const real = recordedMarkets('paradex').markets[SYMBOL];
      expect(1 / Number(real.info.delta1_cross_margin_params.imf_base)).toBe(50);
    } finally {
      await broker.close();
    }
  });

  it('the live broker\'s balance is the account summary\'s: account value as the total, free collateral as the free part, in USDC', async () => {
    const broker = await createLiveBroker({ venue: 'paradex', credentials: credentialsFor('paradex'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      const [balance] = await broker.balances();
      const [held] = sim.accounts.balances('paradex', ACCOUNT);
      expect(balance.currency).toBe('USDC');
      expect(balance.total).toBeCloseTo(held.total, 6);
      expect(balance.free).toBeCloseTo(held.free, 6);
      expect(balance.free).toBeLessThan(balance.total);
    } finally {
      await broker.close();
    }
  });

  it('the live broker refuses isolated margin on Paradex in words, before anything is sent', async () => {
    const broker = await createLiveBroker({ venue: 'paradex', credentials: credentialsFor('paradex'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      sim.log.clear();
      await expect(broker.setLeverage(SYMBOL, 2, 'isolated')).rejects.toThrow(/cross margin only/);
      expect(sim.log.list().filter((e) => e.path.startsWith(`${P}/account/margin`))).toEqual([]);
    } finally {
      await broker.close();
    }
  });

  it('the live broker\'s funding payments are the simulator\'s settlements, received positive and paid negative; open orders are listed across markets and cancelled by client id', async () => {
    const broker = await createLiveBroker({ venue: 'paradex', credentials: credentialsFor('paradex'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      const payments = await broker.fundingPayments(SYMBOL, 0);
      const income = sim.accounts.income('paradex', ACCOUNT, { instrumentId: 'BTC-USD-PERP' });
      expect(payments.map((p) => p.amount).sort()).toEqual(income.map((i) => Number(i.amount.toFixed(8))).sort());
      expect(payments.every((p) => p.symbol === SYMBOL && p.time > 0)).toBe(true);
      const price = Number(signed!.exchange.priceToPrecision('ETH/USD:USDC', sim.market.ticker('paradex', 'ETH-USD-PERP').last * 0.8));
      await broker.createOrder({ symbol: 'ETH/USD:USDC', side: 'buy', type: 'limit', price, quantity: 0.01, reduceOnly: false, clientOrderId: 'ftwirerest01', marginMode: 'cross' });
      expect((await broker.openOrders()).map((o) => [o.symbol, o.clientOrderId])).toContainEqual(['ETH/USD:USDC', 'ftwirerest01']);
      await broker.cancelOrder('ETH/USD:USDC', 'ftwirerest01');
      expect((await broker.openOrders()).map((o) => o.clientOrderId)).not.toContain('ftwirerest01');
    } finally {
      await broker.close();
    }
  });

  it('a call without a token, with a forged token, or from an account never onboarded is refused as an authentication error', async () => {
    const bare = signedExchange();
    await bare.loadMarkets();
    bare.options.authToken = 'not-a-token';
    bare.options.expires = Number.MAX_SAFE_INTEGER;
    await expect(bare.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
    const token = (signed!.answer('POST', `${P}/auth`) as { jwt_token: string }).jwt_token;
    const [head, claims] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), sub: '0x1' })).toString('base64url')}.${token.split('.')[2]}`;
    bare.options.authToken = forged;
    await expect(bare.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
    const stranger = createExchange('paradex', paradexSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
    Object.assign(stranger, { walletAddress: new ccxt.paradex().ethGetAddressFromPrivateKey(`0x${'7b'.repeat(32)}`), privateKey: `0x${'7b'.repeat(32)}` });
    await expect(stranger.fetchBalance()).rejects.toThrow(/NOT_ONBOARDED/);
    await Promise.all([bare.close(), stranger.close()]);
  });
});
