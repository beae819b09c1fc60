/**
 * Market data over websockets against the simulator (real ccxt.pro over ws:// on 127.0.0.1):
 * a pushed mark price reaches `onQuotes` with no REST request in between, a dropped stream
 * puts polling back on the normal period until it reconnects, OKX watches only the most
 * traded N. REST requests are counted in the simulator's log; no timing is asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMarketData } from '../../../electron/backend/markets/marketData.ts';
import type { MarketData, MarketDataOptions } from '../../../electron/backend/markets/marketData.ts';
import { startSimulator } from '../../../electron/simulator/server.ts';
import type { StreamDialect } from '../../../electron/simulator/ws.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { relativeGap, waitFor } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

let sim: Simulator | undefined;
let market: MarketData | undefined;
let changed: FundingQuote[] = [];
let polled: FundingQuote[] = [];

afterEach(async () => {
  await market?.stop();
  await sim?.close();
  market = undefined;
  sim = undefined;
});

async function start(venues: VenueId[], pushMs: number, extra: Partial<MarketDataOptions>): Promise<Simulator> {
  const simulator = await startSimulator({ port: 0, seed: 11, speed: 1, paused: true, venues, streamPushMs: pushMs });
  sim = simulator;
  changed = [];
  polled = [];
  market = createMarketData({
    venues,
    baseUrl: simulator.url,
    wsBaseUrl: simulator.wsUrl,
    now: () => simulator.clock.now(),
    timeoutMs: 2_000,
    onQuotes: (batch) => changed.push(...batch),
    onPolled: (batch) => polled.push(...batch),
    onHealth: () => undefined,
    onAlert: () => undefined,
    ...extra,
  });
  market.start();
  return simulator;
}

const streamOf = (venue: VenueId) => market!.health().find((h) => h.venue === venue)?.stream;
const restCount = (s: Simulator, venue: VenueId, path: string) => s.log.list({ venue, path }).length;

/** Pushes as the venue does, every turn of a wait (ccxt may fold back-to-back messages into one turn). */
function pushed(s: Simulator): true {
  s.streams.pushAll();
  return true;
}

/** Pushes until the venue's stream has delivered a message (subscriptions happen after the first poll). */
async function untilLive(s: Simulator, venue: VenueId): Promise<void> {
  await waitFor(`${venue} stream live`, () => {
    s.streams.pushAll();
    return streamOf(venue)?.status === 'live';
  });
}

describe('Binance mark prices by websocket', () => {
  it('a pushed mark price reaches onQuotes before the next poll, with the simulator time as observedAt', async () => {
    // Binance polls every 50 s normally (150 s while streaming): no poll lands during the test.
    const s = await start(['binanceusdm'], 3_600_000, { pollScale: 10 });
    await untilLive(s, 'binanceusdm');
    const polls = restCount(s, 'binanceusdm', '/fapi/v1/premiumIndex');
    expect(polls).toBe(1);
    s.clock.step(60_000);
    const mark = s.market.markPrice('binanceusdm', 'BTCUSDT');
    const index = s.market.indexPrice('binanceusdm', 'BTCUSDT');
    changed = [];
    polled = [];

    await waitFor('BTC mark from the stream', () => pushed(s) && changed.some((q) => q.symbol === 'BTC/USDT:USDT' && q.observedAt === s.clock.now()));
    const btc = changed.find((q) => q.symbol === 'BTC/USDT:USDT')!;
    expect(relativeGap(btc.markPrice, mark)).toBeLessThan(1e-9);
    expect(relativeGap(btc.indexPrice, index)).toBeLessThan(1e-9);
    expect(btc.rate).toBeCloseTo(s.market.funding('binanceusdm', 'BTCUSDT').rate, 8);
    expect(polled.some((q) => q.symbol === 'BTC/USDT:USDT')).toBe(true);
    expect(market!.quotes().find((q) => q.symbol === 'BTC/USDT:USDT')).toEqual(btc);
    expect(restCount(s, 'binanceusdm', '/fapi/v1/premiumIndex')).toBe(polls);
  });

  it('repeated messages (same event time) change nothing and are not republished', async () => {
    const s = await start(['binanceusdm'], 3_600_000, { pollScale: 10 });
    await untilLive(s, 'binanceusdm');
    s.clock.step(1_000);
    await waitFor('first push merged', () => pushed(s) && changed.some((q) => q.observedAt === s.clock.now()));
    const before = { changed: changed.length, polled: polled.length, messages: streamOf('binanceusdm')!.messages };
    s.streams.pushAll();
    await waitFor('more pushes received', () => pushed(s) && streamOf('binanceusdm')!.messages > before.messages + 2);
    expect({ changed: changed.length, polled: polled.length }).toEqual({ changed: before.changed, polled: before.polled });
  });

  it('a dropped stream marks it down, polling returns to the normal period, and the stream reconnects', async () => {
    // Normal period 250 ms, 750 ms while streaming; reconnect attempts from 50 ms.
    let refusing = false;
    const refuse: StreamDialect = {
      venue: 'binanceusdm',
      owns: (path) => refusing && !path.startsWith('/ws/v5'),
      onMessage: (connection) => connection.socket.terminate(),
      push: () => [],
    };
    const s = await start(['binanceusdm'], 50, { pollScale: 0.05 });
    s.streams.register(refuse);
    await untilLive(s, 'binanceusdm');
    await waitFor('slow polling while live', () => streamOf('binanceusdm')?.pollMs === 750);

    refusing = true;
    expect(s.streams.disconnect('binanceusdm')).toBe(1);
    await waitFor('stream down, normal period', () => streamOf('binanceusdm')?.status === 'down' && streamOf('binanceusdm')?.pollMs === 250);
    expect(streamOf('binanceusdm')!.lastError).toMatch(/^binanceusdm stream dropped .*polling at the normal cadence/);
    const polls = restCount(s, 'binanceusdm', '/fapi/v1/premiumIndex');
    await waitFor('REST polls go on while the stream is down', () => restCount(s, 'binanceusdm', '/fapi/v1/premiumIndex') >= polls + 3);
    expect(streamOf('binanceusdm')!.status).toBe('down');
    expect(market!.health().find((h) => h.venue === 'binanceusdm')!.status).toBe('ok');

    refusing = false;
    await waitFor('stream back', () => streamOf('binanceusdm')?.status === 'live' && streamOf('binanceusdm')?.pollMs === 750);
    expect(streamOf('binanceusdm')!.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('a stream quiet for two of its promised gaps is silent: the venue is degraded and polled at the normal period until a message comes', async () => {
    // Binance promises a message a second: silent after 2 s of real time, long before the 30 s stall bound.
    const s = await start(['binanceusdm'], 3_600_000, { pollScale: 1 });
    await untilLive(s, 'binanceusdm');
    expect(market!.health()[0]).toMatchObject({ status: 'ok', bounds: { streamSilentAfterMs: 2_000 } });
    await waitFor('stream silent', () => streamOf('binanceusdm')?.status === 'silent');
    expect(market!.health()[0].status).toBe('degraded');
    expect(streamOf('binanceusdm')!.pollMs).toBe(5_000);
    await untilLive(s, 'binanceusdm');
    expect(market!.health()[0].status).toBe('ok');
  });

  it('a stream that stays connected but goes quiet is dropped and polling returns to the normal period', async () => {
    // Stall bound 30 s × 0.05 = 1.5 s of real time without a message.
    let silent = false;
    const quiet: StreamDialect = {
      venue: 'binanceusdm',
      owns: (path) => silent && !path.startsWith('/ws/v5'),
      onMessage: (connection, text) => connection.socket.send(JSON.stringify({ result: null, id: (JSON.parse(text) as { id?: number }).id ?? null })),
      push: () => [],
    };
    const s = await start(['binanceusdm'], 50, { pollScale: 0.05 });
    s.streams.register(quiet);
    await untilLive(s, 'binanceusdm');
    silent = true;
    s.streams.disconnect('binanceusdm');
    await waitFor('stalled stream down', () => /no binanceusdm message for \d+ s/.test(streamOf('binanceusdm')?.lastError ?? ''));
    expect(streamOf('binanceusdm')).toMatchObject({ status: 'down', pollMs: 250 });
    silent = false;
    await waitFor('stream back', () => streamOf('binanceusdm')?.status === 'live');
  });
});

describe('OKX funding and mark by websocket', () => {
  it('watches only the most traded N and merges their funding rate and mark without a REST request', async () => {
    const s = await start(['okx'], 3_600_000, { pollScale: 10, streams: { maxSymbols: 3 } });
    await untilLive(s, 'okx');
    expect(streamOf('okx')!.symbols).toBe(3);
    const top = [...market!.quotes()].sort((a, b) => (b.volume24hUsd ?? -1) - (a.volume24hUsd ?? -1)).slice(0, 3).map((q) => q.symbol);
    const polls = restCount(s, 'okx', '/api/v5/public/funding-rate') + restCount(s, 'okx', '/api/v5/public/mark-price');
    s.clock.step(60_000);
    changed = [];

    await waitFor('the three watched symbols updated', () => pushed(s) && new Set(changed.filter((q) => q.observedAt === s.clock.now()).map((q) => q.symbol)).size === 3);
    expect(new Set(changed.map((q) => q.symbol))).toEqual(new Set(top));
    const first = changed.filter((q) => q.symbol === top[0]).at(-1)!;
    const instId = top[0].replace('/USDT:USDT', '-USDT-SWAP');
    expect(first.rate).toBeCloseTo(s.market.funding('okx', instId).rate, 10);
    expect(relativeGap(first.markPrice, s.market.markPrice('okx', instId))).toBeLessThan(1e-9);
    expect(restCount(s, 'okx', '/api/v5/public/funding-rate') + restCount(s, 'okx', '/api/v5/public/mark-price')).toBe(polls);
  });
});

/** A per-symbol stream: the most traded N get mark, rate and next settlement pushed into the quotes (and onPolled), with no REST poll meanwhile. */
async function expectPushedWithoutPoll(venue: VenueId, restPath: string, idOf: (symbol: string) => string, markTolerance: number): Promise<void> {
  const s = await start([venue], 3_600_000, { pollScale: 10, streams: { maxSymbols: 3 } });
  await untilLive(s, venue);
  expect(streamOf(venue)!.symbols).toBe(3);
  const polls = restCount(s, venue, restPath);
  const top = [...market!.quotes()].sort((a, b) => (b.volume24hUsd ?? -1) - (a.volume24hUsd ?? -1)).slice(0, 3).map((q) => q.symbol);
  s.clock.step(60_000);
  polled = [];

  // Every merged quote is published to onPolled, changed or not (a price at Hyperliquid's five
  // significant figures may not move in a minute); only the stream can date one after the step.
  // A message sent before the step may land after it (Hyperliquid's is dated on receipt), so the
  // wait is for the marks after the step.
  const afterStep = (q: FundingQuote) => q.observedAt === s.clock.now() && relativeGap(q.markPrice, s.market.markPrice(venue, idOf(q.symbol))) < markTolerance;
  await waitFor('the three watched symbols carry the marks after the step', () => pushed(s) && new Set(polled.filter(afterStep).map((q) => q.symbol)).size === 3);
  expect(new Set(polled.map((q) => q.symbol))).toEqual(new Set(top));
  const first = polled.filter((q) => q.symbol === top[0]).at(-1)!;
  const id = idOf(top[0]);
  expect(afterStep(first)).toBe(true);
  expect(first.rate).toBeCloseTo(s.market.funding(venue, id).rate, 8);
  expect(first.nextFundingTime).toBe(s.market.funding(venue, id).nextFundingTime);
  expect(market!.quotes().find((q) => q.symbol === top[0])).toEqual(first);
  expect(restCount(s, venue, restPath)).toBe(polls);
}

/** The socket dropped and refused: down, REST at the normal period (`normalMs`, scaled), then back live. */
async function expectDropFallsBack(venue: VenueId, wsPath: string, restPath: string, normalMs: number): Promise<void> {
  let refusing = false;
  const refuse: StreamDialect = { venue, owns: (path) => refusing && path.startsWith(wsPath), onMessage: (connection) => connection.socket.terminate(), push: () => [] };
  const s = await start([venue], 50, { pollScale: 0.05, streams: { maxSymbols: 3 } });
  s.streams.register(refuse);
  await untilLive(s, venue);
  await waitFor('slow polling while live', () => (streamOf(venue)?.pollMs ?? 0) > normalMs);
  refusing = true;
  expect(s.streams.disconnect(venue)).toBe(1);
  await waitFor('stream down, normal period', () => streamOf(venue)?.status === 'down' && streamOf(venue)?.pollMs === normalMs);
  const polls = restCount(s, venue, restPath);
  await waitFor('REST polls go on while the stream is down', () => restCount(s, venue, restPath) >= polls + 2);
  refusing = false;
  await waitFor('stream back', () => streamOf(venue)?.status === 'live');
  expect(streamOf(venue)!.reconnects).toBeGreaterThanOrEqual(1);
}

const usdtId = (symbol: string) => symbol.replace('/USDT:USDT', 'USDT');

describe('Aster mark prices by websocket', () => {
  it('a pushed mark and rate reach the quotes without a REST poll, for the most traded N only', () =>
    expectPushedWithoutPoll('aster', '/aster/fapi/v3/premiumIndex', usdtId, 1e-9));

  // Aster's normal period 10 s × 0.05 = 500 ms.
  it('a dropped stream falls back to polling at the normal period and reconnects', () =>
    expectDropFallsBack('aster', '/aster/', '/aster/fapi/v3/premiumIndex', 500));
});

describe('Bybit tickers by websocket', () => {
  // The stream's prices are the ticker row's strings at the instrument's tick.
  it('a pushed mark and rate (snapshot, then deltas) reach the quotes without a REST poll, for the most traded N only', () =>
    expectPushedWithoutPoll('bybit', '/v5/market/tickers', usdtId, 1e-4));

  // Bybit's normal period 5 s × 0.05 = 250 ms.
  it('a dropped stream falls back to polling at the normal period and reconnects', () =>
    expectDropFallsBack('bybit', '/v5/public/linear', '/v5/market/tickers', 250));
});

describe('Hyperliquid asset contexts by websocket', () => {
  /** The coin of a symbol: `BTC`, or a HIP-3 dex's `xyz:BTC` for ccxt's `XYZ-BTC/USDC:USDC` (docs/venues.md "Hyperliquid HIP-3"). */
  const coinOf = (symbol: string) => symbol.replace('/USDC:USDC', '').replace(/^([A-Z0-9]+)-/, (_, dex: string) => `${dex.toLowerCase()}:`);

  // The context carries the same decimal strings as metaAndAssetCtxs; it is dated on receipt.
  it('a pushed mark, oracle price and rate (activeAssetCtx per coin) reach the quotes without a REST poll, for the most traded N only', () =>
    expectPushedWithoutPoll('hyperliquid', '/info', coinOf, 1e-9));

  // Hyperliquid's normal period 5 s × 0.05 = 250 ms.
  it('a dropped stream falls back to polling at the normal period and reconnects', () =>
    expectDropFallsBack('hyperliquid', '/ws', '/info', 250));
});

describe('Bitget tickers by websocket', () => {
  it('a pushed mark, rate and next settlement (contract ticker channel) reach the quotes without a REST poll, for the most traded N only', () =>
    expectPushedWithoutPoll('bitget', '/api/v2/mix/market/', usdtId, 1e-9));

  // Bitget's normal period 10 s × 0.05 = 500 ms.
  it('a dropped stream falls back to polling at the normal period and reconnects', () =>
    expectDropFallsBack('bitget', '/v2/ws/public', '/api/v2/mix/market/', 500));
});

describe('Gate tickers by websocket', () => {
  const contractOf = (symbol: string) => symbol.replace('/USDT:USDT', '_USDT');

  // The push carries mark, index and rate; the next settlement stays the contracts poll's.
  it('a pushed mark and rate (futures.tickers) reach the quotes without a REST poll, for the most traded N only', () =>
    expectPushedWithoutPoll('gate', '/api/v4/futures/', contractOf, 1e-9));

  // Gate's normal period 10 s × 0.05 = 500 ms.
  it('a dropped stream falls back to polling at the normal period and reconnects', () =>
    expectDropFallsBack('gate', '/v4/ws/usdt', '/api/v4/futures/', 500));
});

describe('every streaming venue on one simulator, as Demo runs them', () => {
  it('each venue\'s stream goes live on its own path (Hyperliquid\'s `/ws` beside Binance\'s `/ws/<stream>`)', async () => {
    const venues: VenueId[] = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate', 'aster', 'hyperliquid'];
    const s = await start(venues, 3_600_000, { pollScale: 10, streams: { maxSymbols: 3 } });
    for (const venue of venues) await untilLive(s, venue);
    expect(venues.map((venue) => streamOf(venue)!.lastError)).toEqual(venues.map(() => null));
  });
});
