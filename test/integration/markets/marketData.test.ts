/**
 * The market data service against the simulator, as the backend runs it: in the market-data
 * worker, read through the main thread's mirror. One venue failing (garbage, 429, hang) is
 * marked unhealthy while the others keep updating, recovers once the fault is cleared, and
 * interval changes are reported; the main thread's ccxt sends none of those requests.
 * Polling is scaled down; no timing is asserted.
 */
import ccxt from 'ccxt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMarketFeed, type MarketFeed } from '../../../electron/backend/marketFeed/marketFeed.ts';
import type { FundingQuote, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { startPausedSimulator, waitFor } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

const FAILING: VenueId = 'okx';
const HEALTHY: VenueId = 'binanceusdm';

let sim: Simulator;
let market: MarketFeed;
let health: VenueHealth[] = [];
let alerts: Alert[] = [];
let batches: FundingQuote[][] = [];
let healthCalls = 0;
let workerErrors: string[] = [];

/** Requests any ccxt exchange of this (the main) thread sends: the worker's ccxt is another module instance. */
let mainThreadRequests = 0;
const mainThreadFetch = ccxt.Exchange.prototype.fetch;
beforeAll(() => {
  ccxt.Exchange.prototype.fetch = function countedFetch(this: InstanceType<typeof ccxt.Exchange>, ...args: Parameters<typeof mainThreadFetch>) {
    mainThreadRequests++;
    return mainThreadFetch.apply(this, args);
  };
});
afterAll(() => {
  ccxt.Exchange.prototype.fetch = mainThreadFetch;
});

const healthOf = (venue: VenueId) => health.find((h) => h.venue === venue);
const successesOf = (venue: VenueId) => healthOf(venue)?.lastSuccessAt ?? null;

beforeEach(async () => {
  sim = await startPausedSimulator([FAILING, HEALTHY]);
  health = [];
  alerts = [];
  batches = [];
  workerErrors = [];
  market = startMarketFeed({
    venues: [FAILING, HEALTHY],
    baseUrl: sim.url,
    clock: sim.clock,
    // 10 s OKX polls become 200 ms; backoff caps at 2.4 s.
    pollScale: 0.02,
    // Long enough that a healthy answer on a loaded 2-core machine is not a timeout (the healthy venue must stay error-free).
    timeoutMs: 1_200,
    onQuotes: (changed) => batches.push(changed),
    onHealth: (h) => { health = h; healthCalls++; },
    onAlert: (a) => alerts.push(...a),
    onError: (message) => workerErrors.push(message),
  });
  market.start();
  await waitFor('both venues ok', () => healthOf(FAILING)?.status === 'ok' && healthOf(HEALTHY)?.status === 'ok');
});

afterEach(async () => {
  await market?.stop();
  await sim?.close();
  expect(workerErrors).toEqual([]);
});

/** The healthy venue keeps succeeding while the failing one is down. */
async function expectIsolatedOutage(): Promise<void> {
  await waitFor(`${FAILING} down`, () => healthOf(FAILING)?.status === 'down');
  const before = { count: healthOf(HEALTHY)!.errorCount, attempts: healthOf(HEALTHY)!.lastAttemptAt };
  sim.clock.step(1_000);
  await waitFor(`${HEALTHY} polled again`, () => (successesOf(HEALTHY) ?? 0) > (before.attempts ?? 0));
  expect(healthOf(HEALTHY)).toMatchObject({ status: 'ok', errorCount: before.count });
  expect(alerts.filter((a) => a.kind === 'venue' && a.venue === FAILING && a.severity === 'critical')).toHaveLength(1);
}

async function expectRecovery(): Promise<void> {
  sim.faults.clear();
  await waitFor(`${FAILING} recovered`, () => healthOf(FAILING)?.status === 'ok');
  expect(alerts.some((a) => a.kind === 'venue' && a.venue === FAILING && a.severity === 'info')).toBe(true);
  expect(healthOf(FAILING)).toMatchObject({ consecutiveErrors: 0, stale: false, lastError: null });
}

describe('one venue failing never stops the others', () => {
  it('a garbage body is a fault: the venue goes down with a bad-response message, then recovers', async () => {
    sim.faults.inject({ venue: FAILING, kind: 'garbage' });
    await expectIsolatedOutage();
    expect(healthOf(FAILING)!.lastError).toMatch(/^OKX sent an answer the terminal cannot read/);
    await expectRecovery();
  });

  it('HTTP 429 is read as rate limiting and backed off, then recovers', async () => {
    sim.faults.inject({ venue: FAILING, kind: 'status', status: 429 });
    await expectIsolatedOutage();
    expect(healthOf(FAILING)!.lastError).toMatch(/^OKX is rate-limiting the terminal/);
    await expectRecovery();
  });

  it.each([
    ['an empty list (ccxt then returns no rates)', { kind: 'empty' as const }, /^OKX sent an answer the terminal cannot read/],
    ['a reset connection', { kind: 'reset' as const }, /^OKX is unreachable/],
    ['HTTP 503', { kind: 'status' as const, status: 503 }, /^OKX is unreachable/],
  ])('%s marks the venue down with a plain message, then it recovers', async (_name, fault, message) => {
    sim.faults.inject({ venue: FAILING, ...fault });
    await expectIsolatedOutage();
    expect(healthOf(FAILING)!.lastError).toMatch(message);
    await expectRecovery();
  });

  it('a hanging venue times out, goes down, and recovers', async () => {
    sim.faults.inject({ venue: FAILING, kind: 'hang' });
    await expectIsolatedOutage();
    expect(healthOf(FAILING)!.lastError).toMatch(/^OKX did not answer in time/);
    await expectRecovery();
  });
});

describe('quotes and interval changes', () => {
  it('only changed quotes are pushed: none while the market stands still, exactly the one whose rate moved', async () => {
    const pushed = batches.length;
    const calls = healthCalls;
    await waitFor('several more polls', () => healthCalls >= calls + 6);
    expect(batches.slice(pushed).flat()).toEqual([]);
    const btc = sim.market.instruments(HEALTHY).find((i) => i.base === 'BTC' && i.settle === 'USDT')!;
    sim.market.setRate(HEALTHY, btc.id, 0.00042);
    await waitFor('the moved rate pushed', () => batches.slice(pushed).flat().length > 0);
    expect(batches.slice(pushed).flat().map((q) => [q.venue, q.symbol, q.rate])).toEqual([[HEALTHY, 'BTC/USDT:USDT', 0.00042]]);
  });

  it.each([HEALTHY, FAILING])('an interval change on %s is detected and alerted', async (venue) => {
    const btc = (await market.symbolsFor('BTC')).find((s) => s.venue === venue)!;
    const before = market.quotes().find((q) => q.venue === venue && q.symbol === btc.symbol)!;
    const id = sim.market.instruments(venue).find((i) => i.base === 'BTC' && i.settle === 'USDT')!.id;
    const hours = before.intervalHours === 1 ? 4 : 1;
    sim.market.setInterval(venue, id, hours);
    await waitFor('interval-change alert', () => alerts.some((a) => a.kind === 'interval-change' && a.venue === venue));
    expect(market.quotes().find((q) => q.venue === venue && q.symbol === btc.symbol)!.intervalHours).toBe(hours);
  });

  it('symbolsFor lists the base on every venue polled', async () => {
    expect((await market.symbolsFor('btc')).map((s) => s.venue).sort()).toEqual([HEALTHY, FAILING].sort());
  });
});

describe('off the main thread', () => {
  it('the venues were polled and the quotes mirrored, with no ccxt request sent from the main thread', async () => {
    const polls = (venue: VenueId) => sim.log.list({ venue }).length;
    await waitFor('more polls of both venues', () => polls(FAILING) > 3 && polls(HEALTHY) > 3);
    expect(new Set(market.quotes().map((q) => q.venue))).toEqual(new Set([FAILING, HEALTHY]));
    expect(market.quotes()).toHaveLength(sim.market.instruments(FAILING).length + sim.market.instruments(HEALTHY).length);
    expect(mainThreadRequests).toBe(0);
  });

  it('the worker stamps quotes and health on the simulator\'s clock, stepped on the main thread', async () => {
    const stepped = sim.clock.step(3_600_000);
    await waitFor('a poll after the step', () => (successesOf(HEALTHY) ?? 0) >= stepped);
    expect(market.quotes().filter((q) => q.venue === HEALTHY).every((q) => q.observedAt >= stepped && q.observedAt <= sim.clock.now())).toBe(true);
  });

  it('a history read is answered by the worker, a venue error keeping its kind', async () => {
    const [btc] = (await market.symbolsFor('BTC')).filter((s) => s.venue === HEALTHY);
    const points = await market.fundingHistory(HEALTHY, btc.symbol, sim.clock.now() - 86_400_000);
    expect(points.length).toBeGreaterThan(0);
    sim.faults.inject({ venue: HEALTHY, kind: 'status', status: 429 });
    await expect(market.fundingHistory(HEALTHY, btc.symbol, sim.clock.now() - 86_400_000)).rejects.toMatchObject({ name: 'VenueError', kind: 'rate-limited', venue: HEALTHY });
    sim.faults.clear();
    expect(mainThreadRequests).toBe(0);
  });
});
