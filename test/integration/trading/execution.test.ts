/**
 * Pair execution through the gateway against the venue simulator, live (Demo) brokers over
 * ccxt's real HTTP code, journal in a real DuckDB store on disk.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { placeOrder } from '../../../electron/backend/trading/execution.ts';
import { ticketOrderId } from '../../../electron/backend/trading/clientOrderIds.ts';
import { reconcile } from '../../../electron/backend/trading/reconcile.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { resolveUnhedged } from '../../../electron/backend/trading/positions.ts';
import { legSizes } from '../../../electron/backend/trading/ledgerFold.ts';
import type { Fill, PairIntent } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS } from './harness.ts';
import { DEMO_CREDENTIAL } from '../../../electron/simulator/credentials.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
let dir: string;
let store: Store;
let alerts: string[];
let ticket = 0;

function gatewayOver(s: Store, onAlert: (text: string) => void = () => undefined): Gateway {
  return createGateway({
    state: new TradingStateMachine(0, () => undefined), journal: journalOf(s), brokers: (venue) => brokers.get(venue)!, now: Date.now,
    alert: (text) => { alerts.push(text); onAlert(text); }, lookupDelaysMs: [0, 300, 600, 1200],
  });
}

function pair(long: VenueId, short: VenueId, quantity = 0.01): PairIntent {
  ticket += 1;
  return {
    ticketId: `t-${ticket}-${Date.now()}`, legOrder: 'sequential', legTimeoutMs: 5_000, override: null,
    checklist: { alignment: 'confirmed', items: ['funding verified'] },
    legs: [
      { venue: long, symbol: SYMBOLS[long as keyof typeof SYMBOLS], side: 'buy', quantity, reduceOnly: false },
      { venue: short, symbol: SYMBOLS[short as keyof typeof SYMBOLS], side: 'sell', quantity, reduceOnly: false },
    ],
  };
}

async function netPosition(venue: VenueId): Promise<number> {
  return (await brokers.get(venue)!.positions()).reduce((sum, p) => sum + p.size, 0);
}

beforeAll(async () => {
  sim = await startTradingSimulator();
  brokers = await liveBrokers(sim);
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await sim.close();
});

beforeEach(async () => {
  alerts = [];
  dir = await mkdtemp(join(tmpdir(), 'ft-exec-'));
  store = await openStore(dir);
});

afterEach(async () => {
  sim.faults.clear();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pair execution through the gateway', () => {
  it('a pair on two venues fills both legs and the journal holds intent, checklist, sends and answers', async () => {
    const intent = pair('binanceusdm', 'okx');
    const result = await gatewayOver(store).submitPair(intent);
    expect(result.status).toBe('hedged');
    expect(result.orders.map((o) => o.filled)).toEqual([0.01, 0.01]);
    const kinds = (await journalOf(store).list({ pairId: intent.ticketId })).map((e) => e.kind);
    expect(kinds).toEqual(['intent', 'order-sent', 'order', 'fill', 'order-sent', 'order', 'fill']);
    const fills = (await journalOf(store).list({ pairId: intent.ticketId })).filter((e) => e.kind === 'fill').map((e) => e.data as Fill);
    expect(fills.map((f) => [f.venue, f.side, f.quantity, f.liquidity])).toEqual([['binanceusdm', 'buy', 0.01, 'taker'], ['okx', 'sell', 0.01, 'taker']]);
    expect(fills.map((f) => f.price)).toEqual(result.orders.map((o) => o.averagePrice));
    expect(fills.map((f) => f.fee)).toEqual(result.orders.map((o) => o.fee));
    const [first] = await journalOf(store).list({ pairId: intent.ticketId, limit: 1 });
    expect(first.data).toMatchObject({ checklist: intent.checklist, override: null });
    await gatewayOver(store).submitPair({ ...pair('okx', 'binanceusdm'), pairId: intent.ticketId, legs: intent.legs.map((l) => ({ ...l, side: l.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })) });
  });

  it('every order is committed to the journal before the venue receives it', async () => {
    const events: string[] = [];
    const place = sim.accounts.placeOrder.bind(sim.accounts);
    sim.accounts.placeOrder = (venue, key, request) => { events.push(`venue ${request.clientOrderId}`); return place(venue, key, request); };
    const append = journalOf(store).append;
    journalOf(store).append = async (entry) => {
      const written = await append(entry);
      if (entry.kind === 'order-sent') events.push(`journal ${entry.clientOrderId}`);
      return written;
    };
    try {
      const intent = pair('bybit', 'hyperliquid');
      expect((await gatewayOver(store).submitPair(intent)).status).toBe('hedged');
      const ids = [ticketOrderId('bybit', intent.ticketId, 0, 'open'), ticketOrderId('hyperliquid', intent.ticketId, 1, 'open')];
      expect(events).toEqual([`journal ${ids[0]}`, `venue ${ids[0]}`, `journal ${ids[1]}`, `venue ${ids[1]}`]);
    } finally {
      sim.accounts.placeOrder = place;
    }
  });

  it('a second leg rejected for insufficient margin is answered by unwinding the first leg reduce-only', async () => {
    const before = await netPosition('binanceusdm');
    sim.faults.inject({ venue: 'okx', kind: 'reject', reason: 'insufficient-margin', path: '/api/v5/trade/', method: 'POST', times: 1 });
    const result = await gatewayOver(store).submitPair(pair('binanceusdm', 'okx'));
    expect(result.status).toBe('unwound');
    expect(await netPosition('binanceusdm')).toBeCloseTo(before, 12);
    expect(result.orders.map((o) => [o.venue, o.side, o.reduceOnly, o.filled])).toEqual([['binanceusdm', 'buy', false, 0.01], ['binanceusdm', 'sell', true, 0.01]]);
    expect(alerts.join(' ')).toMatch(/binanceusdm BTC\/USDT:USDT: pair .* is one-legged/);
  });

  it('an unwind that fails too leaves the pair UNHEDGED, and it stays so after the store is reopened', async () => {
    sim.faults.inject({ venue: 'okx', kind: 'reject', reason: 'insufficient-margin', path: '/api/v5/trade/', method: 'POST', times: 1 });
    // The first leg's venue goes down the moment the one-legged alert fires, before the unwind.
    const intent = pair('binanceusdm', 'okx');
    const result = await gatewayOver(store, () => sim.faults.setDown('binanceusdm', true)).submitPair(intent);
    sim.faults.setDown('binanceusdm', false);
    expect(result.status).toBe('unhedged');
    expect(result.message).toMatch(/^UNHEDGED: pair .*unwind of binanceusdm BTC\/USDT:USDT failed/);
    await store.close();
    store = await openStore(dir);
    expect(journalOf(store).ledger.pair(intent.ticketId)).toMatchObject({ status: 'unhedged' });
    const book = { journal: journalOf(store), brokers: (venue: VenueId) => brokers.get(venue)!, quotes: () => [] };
    expect(await resolveUnhedged(book)).toEqual([]);
    await gatewayOver(store).submitOrder({ venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'sell', quantity: 0.01, reduceOnly: true, purpose: 'close', pairId: intent.ticketId, clientOrderId: ticketOrderId('binanceusdm', intent.ticketId, 0, 'close') });
    expect(await resolveUnhedged(book)).toEqual([intent.ticketId]);
    expect(journalOf(store).ledger.pair(intent.ticketId)?.status).not.toBe('unhedged');
  });

  it('a create that timed out is looked up by its client id and not sent again', async () => {
    sim.faults.inject({ venue: 'binanceusdm', kind: 'delay', delayMs: 1_500, path: '/fapi/v1/order', method: 'POST', times: 1 });
    const sentBefore = sim.log.list({ venue: 'binanceusdm', path: '/fapi/v1/order' }).filter((e) => e.method === 'POST').length;
    const intent: PairIntent = { ...pair('binanceusdm', 'okx'), legs: [pair('binanceusdm', 'okx').legs[0]] };
    const result = await gatewayOver(store).submitPair(intent);
    expect(result.status).toBe('hedged');
    expect(result.orders[0]).toMatchObject({ clientOrderId: ticketOrderId('binanceusdm', intent.ticketId, 0, 'open'), filled: 0.01 });
    const creates = sim.log.list({ venue: 'binanceusdm', path: '/fapi/v1/order' }).filter((e) => e.method === 'POST').length;
    expect(creates - sentBefore).toBe(1);
    await gatewayOver(store).submitOrder({ venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'sell', quantity: 0.01, reduceOnly: true, purpose: 'close', pairId: null, clientOrderId: `ftclose${ticket}` });
  });

  it('a Binance answer given before matching (ACK: NEW, nothing filled) is read back, so the filled leg is tracked and the second leg goes', async () => {
    const reads = () => sim.log.list({ venue: 'binanceusdm', path: '/fapi/v1/order' }).filter((e) => e.method === 'GET').length;
    // Without a fault the broker asks for RESULT, whose answer is final: nothing to read back.
    const plain = pair('binanceusdm', 'okx');
    let before = reads();
    expect((await gatewayOver(store).submitPair(plain)).status).toBe('hedged');
    expect(reads() - before).toBe(0);
    sim.faults.inject({ venue: 'binanceusdm', kind: 'ack', path: '/fapi/v1/order', method: 'POST', times: 1 });
    const intent = pair('binanceusdm', 'okx');
    before = reads();
    const result = await gatewayOver(store).submitPair(intent);
    expect(result.status).toBe('hedged');
    expect(result.orders.map((o) => [o.venue, o.status, o.filled])).toEqual([['binanceusdm', 'filled', 0.01], ['okx', 'filled', 0.01]]);
    expect(reads() - before).toBe(1);
    const fills = (await journalOf(store).list({ pairId: intent.ticketId })).filter((e) => e.kind === 'fill').map((e) => (e.data as Fill).venue);
    expect(fills).toEqual(['binanceusdm', 'okx']);
    for (const done of [plain, intent]) {
      await gatewayOver(store).submitPair({ ...pair('okx', 'binanceusdm'), pairId: done.ticketId, legs: done.legs.map((l) => ({ ...l, side: l.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })) });
    }
  });

  it('a crash between the two legs is found at restart: reconcile names the open leg of the pair', async () => {
    const intent = pair('bybit', 'okx');
    await journalOf(store).append({ kind: 'intent', pairId: intent.ticketId, venue: null, symbol: null, clientOrderId: null, data: { intent, checklist: intent.checklist, override: null } });
    const ctx = { journal: journalOf(store), brokers: (venue: VenueId) => brokers.get(venue)!, now: Date.now, alert: () => undefined };
    const leg = intent.legs[0];
    await placeOrder(ctx, intent.ticketId, 'bybit', { symbol: leg.symbol, side: 'buy', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: ticketOrderId('bybit', intent.ticketId, 0, 'open') });
    await store.close(); // the process dies here
    store = await openStore(dir);
    const differences = await reconcile({ journal: journalOf(store), brokers: [brokers.get('bybit')!, brokers.get('okx')!] });
    expect(differences).toContain(`pair ${intent.ticketId} is one-legged by the journal (bybit BTC/USDT:USDT long 0.01, okx BTC/USDT:USDT flat): interrupted between its legs; close or complete it`);
    await gatewayOver(store).submitOrder({ venue: 'bybit', symbol: leg.symbol, side: 'sell', quantity: 0.01, reduceOnly: true, purpose: 'close', pairId: intent.ticketId, clientOrderId: `ftcrash${ticket}` });
  });

  /** Submits `intent` with OKX filling half of its next order; the pair ends hedged. */
  async function hedgedWithHalfOkxFill(intent: PairIntent): Promise<{ intent: PairIntent; entries: Awaited<ReturnType<Store['journal']['list']>> }> {
    sim.faults.inject({ venue: 'okx', kind: 'partial', fraction: 0.5, path: '/api/v5/trade/', method: 'POST', times: 1 });
    const result = await gatewayOver(store).submitPair(intent);
    expect(result.status).toBe('hedged');
    return { intent, entries: await journalOf(store).list({ pairId: intent.ticketId }) };
  }

  it('after a partial first fill the second leg is sized to what the first filled, so nothing is unwound', async () => {
    const { intent, entries } = await hedgedWithHalfOkxFill(pair('okx', 'binanceusdm', 0.1));
    const sent = entries.filter((e) => e.kind === 'order-sent').map((e) => [e.venue, (e.data as { quantity: number }).quantity]);
    expect(sent).toEqual([['okx', 0.1], ['binanceusdm', 0.05]]);
    expect(entries.some((e) => e.kind === 'unwind')).toBe(false);
    const okx = sim.accounts.positions('okx', DEMO_CREDENTIAL.apiKey).find((p) => p.instrumentId === 'BTC-USDT-SWAP')!;
    const okxCoins = okx.size * sim.market.listing('okx', 'BTC-USDT-SWAP').instrument.contractSize;
    const binance = sim.accounts.positions('binanceusdm', DEMO_CREDENTIAL.apiKey).find((p) => p.instrumentId === 'BTCUSDT')!;
    expect(okxCoins).toBeCloseTo(0.05, 12);
    expect(binance.size).toBeCloseTo(-0.05, 12);
    await gatewayOver(store).submitPair({ ...pair('binanceusdm', 'okx'), pairId: intent.ticketId, legs: intent.legs.map((l) => ({ ...l, quantity: 0.05, side: l.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })) });
  });

  it('a partial fill is journalled as a fill of the part filled, the pair shows it and the excess of the other leg is unwound', async () => {
    const { intent, entries } = await hedgedWithHalfOkxFill(pair('binanceusdm', 'okx', 0.1));
    const fills = entries.filter((e) => e.kind === 'fill').map((e) => e.data as Fill);
    expect(fills.map((f) => [f.venue, f.side, f.quantity])).toEqual([['binanceusdm', 'buy', 0.1], ['okx', 'sell', 0.05], ['binanceusdm', 'sell', 0.05]]);
    expect(entries.find((e) => e.kind === 'unwind')?.data).toMatchObject({ quantity: 0.05 });
    const record = journalOf(store).ledger.pair(intent.ticketId)!;
    expect(legSizes(record).map((size) => Number(size.toFixed(12)))).toEqual([0.05, -0.05]);
    expect(record.status).toBe('open');
    await gatewayOver(store).submitPair({ ...pair('okx', 'binanceusdm'), pairId: intent.ticketId, legs: intent.legs.map((l) => ({ ...l, quantity: 0.05, side: l.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })) });
  });

  it('legs sent together: the leg that times out is looked up by client id, never re-sent, and the filled leg is unwound', async () => {
    // ccxt sends an OKX create to /api/v5/trade/batch-orders; every POST under /trade/ counts.
    const posts = () => sim.log.list({ venue: 'okx', path: '/api/v5/trade/' }).filter((e) => e.method === 'POST').length;
    const lookups = () => sim.log.list({ venue: 'okx', path: '/api/v5/trade/order' }).filter((e) => e.method === 'GET').length;
    const before = { posts: posts(), lookups: lookups(), binance: await netPosition('binanceusdm'), okx: await netPosition('okx') };
    sim.faults.inject({ venue: 'okx', kind: 'hang', path: '/api/v5/trade/', method: 'POST', times: 1 });
    const intent: PairIntent = { ...pair('binanceusdm', 'okx'), legOrder: 'together', legTimeoutMs: 1_500 };
    const result = await gatewayOver(store).submitPair(intent);
    expect(result.status).toBe('unwound');
    expect(posts() - before.posts).toBe(1);
    const okxId = ticketOrderId('okx', intent.ticketId, 1, 'open');
    expect(lookups() - before.lookups).toBeGreaterThan(0);
    const errors = (await journalOf(store).list({ pairId: intent.ticketId })).filter((e) => e.kind === 'order-error' && e.clientOrderId === okxId);
    expect(errors.map((e) => e.data)).toEqual([expect.objectContaining({ lookedUp: true, ambiguous: false })]);
    expect(result.message).toMatch(/not resent/);
    expect(await netPosition('binanceusdm')).toBeCloseTo(before.binance, 12);
    expect(await netPosition('okx')).toBeCloseTo(before.okx, 12);
  });

  it('venue funding income after a settlement becomes one funding entry per payment of the pair, journalled once however often it is polled', async () => {
    const intent = pair('binanceusdm', 'bybit', 0.1);
    // Journal times on the venues' clock, as the desk's gateway keeps them.
    const gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: (venue) => brokers.get(venue)!, now: () => sim.clock.now() });
    expect((await gateway.submitPair(intent)).status).toBe('hedged');
    const settlement = Date.UTC(2026, 2, 4, 16, 0, 0); // both venues settle BTC every 8 h
    sim.clock.advanceTo(settlement + 1_000);
    const journaller = createFundingJournaller(journalOf(store), () => sim.clock.now(), (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
    const venues = [brokers.get('binanceusdm')!, brokers.get('bybit')!];
    expect(await journaller.sync(venues)).toBe(2);
    expect(await journaller.sync(venues)).toBe(0);
    const funding = (await journalOf(store).list()).filter((e) => e.kind === 'funding');
    expect(funding.map((e) => [e.pairId, e.venue, e.symbol, e.time])).toEqual([
      [intent.ticketId, 'binanceusdm', SYMBOLS.binanceusdm, settlement], [intent.ticketId, 'bybit', SYMBOLS.bybit, settlement],
    ]);
    for (const entry of funding) {
      const venuePaid = await brokers.get(entry.venue!)!.fundingPayments(entry.symbol!, settlement);
      expect(entry.data).toMatchObject({ amount: venuePaid[0].amount, id: expect.any(String) });
      expect(venuePaid[0].amount).not.toBe(0);
    }
    await gateway.submitPair({ ...pair('bybit', 'binanceusdm'), pairId: intent.ticketId, legs: intent.legs.map((l) => ({ ...l, side: l.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })) });
  });
});
