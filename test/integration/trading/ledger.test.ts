/**
 * The ledger against a realistic journal: pairs hedged, partly filled and unwound, left
 * UNHEDGED and resolved, funded at a settlement, closed, a resting order cancelled by the kill
 * switch, and entries appended concurrently — all through the gateway and live (Demo) brokers
 * against the simulator, journal in DuckDB on disk. The ledger kept entry by entry must equal the
 * one folded at once from the stored rows (at every prefix, and after reopening the store), and
 * once the store is open no reader reads the journal from it again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { Database } from '../../../electron/backend/store/connection.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createLedger, type Ledger } from '../../../electron/backend/trading/ledger.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { pairShares } from '../../../electron/backend/trading/flatteners.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { createPositionBook, resolveUnhedged } from '../../../electron/backend/trading/positions.ts';
import { journalFlatPairs } from '../../../electron/backend/trading/pairClosing.ts';
import { reconcile } from '../../../electron/backend/trading/reconcile.ts';
import { exposureOf } from '../../../electron/backend/trading/deskTicketData.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { JournalEntry, PairIntent } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
let dir: string;
let store: Store;
let gateway: Gateway;
const brokerOf = (venue: VenueId) => brokers.get(venue)!;

type Venue = keyof typeof SYMBOLS;

function pair(ticketId: string, long: Venue, short: Venue, quantity = 0.01): PairIntent {
  return {
    ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: { alignment: { tag: 'confirmed' } },
    legs: [
      { venue: long, symbol: SYMBOLS[long], side: 'buy', quantity, reduceOnly: false },
      { venue: short, symbol: SYMBOLS[short], side: 'sell', quantity, reduceOnly: false },
    ],
  };
}

const closing = (intent: PairIntent, quantity: number): PairIntent => ({
  ...intent, ticketId: `${intent.ticketId}-close`, pairId: intent.ticketId, legOrder: 'together',
  legs: intent.legs.map((leg) => ({ ...leg, quantity, side: leg.side === 'buy' ? 'sell' : 'buy', reduceOnly: true })),
});

/** Everything a reader can ask the ledger, in plain data. */
function readsOf(ledger: Ledger) {
  const entries = ledger.entries();
  return {
    pairs: ledger.pairs(),
    expectation: ledger.expectation(),
    winRate: ledger.winRate(),
    tradingState: ledger.tradingState(),
    entries,
    funding: ledger.pairs().map((p) => p.legs.map((leg) => ledger.funding(p.pairId, leg.venue, leg.symbol))),
    pairOf: entries.flatMap((e) => (e.venue !== null && e.symbol !== null ? [ledger.pairOf(e.venue, e.symbol)] : [])),
    known: entries.filter((e) => e.kind === 'funding').map((e) => ledger.hasFunding((e.data as { id: string }).id)),
  };
}

beforeAll(async () => {
  sim = await startTradingSimulator();
  brokers = await liveBrokers(sim);
  dir = await mkdtemp(join(tmpdir(), 'ft-ledger-'));
  store = await openStore(dir);
  gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: brokerOf, now: () => sim.clock.now(), lookupDelaysMs: [0, 300] });

  // First, on venues flat so far: a second leg refused and its unwind refused too → UNHEDGED,
  // then the open leg closed by hand and the pair resolved.
  sim.faults.inject({ venue: 'okx', kind: 'reject', reason: 'insufficient-margin', path: '/api/v5/trade/', method: 'POST', times: 1 });
  const downOnAlert = createGateway({
    state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: brokerOf, now: () => sim.clock.now(),
    alert: () => sim.faults.setDown('hyperliquid', true),
  });
  expect((await downOnAlert.submitPair(pair('l-unhedged', 'hyperliquid', 'okx'))).status).toBe('unhedged');
  sim.faults.setDown('hyperliquid', false);
  await gateway.submitOrder({ venue: 'hyperliquid', symbol: SYMBOLS.hyperliquid, side: 'sell', quantity: 0.01, reduceOnly: true, purpose: 'close', pairId: 'l-unhedged', clientOrderId: `0x${'ab'.repeat(16)}` });
  const book = { journal: journalOf(store), brokers: brokerOf, quotes: () => [] };
  expect(await resolveUnhedged(book)).toEqual(['l-unhedged']);

  const hedged = pair('l-hedged', 'binanceusdm', 'bybit', 0.1);
  expect((await gateway.submitPair(hedged)).status).toBe('hedged');
  sim.faults.inject({ venue: 'okx', kind: 'partial', fraction: 0.5, path: '/api/v5/trade/', method: 'POST', times: 1 });
  expect((await gateway.submitPair(pair('l-partial', 'binanceusdm', 'okx', 0.1))).status).toBe('hedged');
  sim.faults.inject({ venue: 'okx', kind: 'reject', reason: 'insufficient-margin', path: '/api/v5/trade/', method: 'POST', times: 1 });
  expect((await gateway.submitPair(pair('l-unwound', 'binanceusdm', 'okx'))).status).toBe('unwound');

  // A settlement, journalled per pair.
  sim.clock.advanceTo(Date.UTC(2026, 2, 4, 16, 0, 1));
  const funding = createFundingJournaller(journalOf(store), () => sim.clock.now(), (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
  expect(await funding.sync([brokerOf('binanceusdm'), brokerOf('bybit'), brokerOf('okx')])).toBeGreaterThan(0);

  // The hedged pair is closed and journalled closed; concurrent appends keep their order.
  expect((await gateway.submitPair(closing(hedged, 0.1))).status).toBe('hedged');
  expect(await journalFlatPairs(journalOf(store), () => createPositionBook(book).pairs(), 'closed by the test')).toContain('l-hedged');
  await Promise.all(['a', 'b', 'c'].map((n) => journalOf(store).append({ kind: 'alert', pairId: 'l-partial', venue: null, symbol: null, clientOrderId: null, data: { n } })));

  // A resting order, then the kill switch: cancels journalled, positions closed per pair.
  await brokerOf('okx').createOrder({ symbol: SYMBOLS.okx, side: 'buy', type: 'limit', quantity: 0.01, price: 1_000, reduceOnly: false, clientOrderId: 'ftledgerresting' });
  const state = new TradingStateMachine(0, () => undefined);
  const halting = createGateway({ state, journal: journalOf(store), brokers: brokerOf, now: () => sim.clock.now() });
  const report = await engageKillSwitch({
    state, now: Date.now, deadlineMs: 5_000,
    targets: () => createFlatteners([brokerOf('binanceusdm'), brokerOf('okx')], halting, journalOf(store), () => sim.clock.now()).map(reachableTarget),
  }, 'ledger test');
  expect(report.venues.every((v) => v.flat)).toBe(true);
}, 120_000);

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the ledger', () => {
  it('kept entry by entry equals the ledger folded at once from the stored journal', async () => {
    const stored = await journalOf(store).list();
    const kinds = new Set(stored.map((e) => e.kind));
    for (const kind of ['intent', 'order-sent', 'order', 'fill', 'order-error', 'unwind', 'unhedged', 'unhedged-resolved', 'funding', 'pair-closed', 'cancel', 'alert'] as const) {
      expect(kinds, kind).toContain(kind);
    }
    expect(readsOf(journalOf(store).ledger)).toEqual(readsOf(createLedger(stored)));
    expect(journalOf(store).ledger.pair('l-unhedged')?.status).toBe('closed');
    expect(journalOf(store).ledger.pair('l-hedged')?.status).toBe('closed');
    expect(journalOf(store).ledger.winRate().confirmed.closed).toBe(1);
  });

  it('at every prefix of the journal, applying its entries one by one reaches the state folding them at once does', async () => {
    const stored = await journalOf(store).list();
    const incremental = createLedger([]);
    for (const [i, entry] of stored.entries()) {
      incremental.apply(entry);
      expect(readsOf(incremental), `after entry ${entry.seq} (${entry.kind})`).toEqual(readsOf(createLedger(stored.slice(0, i + 1))));
    }
  });

  it('entries applied out of sequence wait for the ones before them', async () => {
    const stored = await journalOf(store).list();
    const shuffled: JournalEntry[] = [];
    for (let i = 0; i < stored.length; i += 2) shuffled.push(...stored.slice(i, i + 2).reverse());
    const ledger = createLedger([]);
    for (const entry of shuffled) ledger.apply(entry);
    ledger.apply(stored[3]); // again: already in
    expect(readsOf(ledger)).toEqual(readsOf(createLedger(stored)));
  });

  it('reopening the store folds the same ledger', async () => {
    const before = readsOf(journalOf(store).ledger);
    await store.close();
    store = await openStore(dir);
    expect(readsOf(journalOf(store).ledger)).toEqual(before);
  });

  it('no reader reads the journal from the store once it is open', async () => {
    const exclusive = vi.spyOn(Database.prototype, 'exclusive');
    try {
      const book = createPositionBook({ journal: journalOf(store), brokers: brokerOf, quotes: () => [] });
      await book.pairs();
      await reconcile({ journal: journalOf(store), brokers: [brokerOf('binanceusdm'), brokerOf('bybit'), brokerOf('okx')] });
      pairShares(journalOf(store).ledger, 'bybit', SYMBOLS.bybit, 0.1);
      await createFundingJournaller(journalOf(store), () => sim.clock.now(), () => undefined).sync([brokerOf('bybit')]);
      await journalFlatPairs(journalOf(store), () => book.pairs(), 'read count');
      await resolveUnhedged({ journal: journalOf(store), brokers: brokerOf, quotes: () => [] });
      exposureOf(journalOf(store).ledger, []);
      journalOf(store).ledger.winRate();
      expect(exclusive.mock.calls.map(([operation]) => operation).filter((operation) => operation !== 'journal append')).toEqual([]);
    } finally {
      exclusive.mockRestore();
    }
  });
});
