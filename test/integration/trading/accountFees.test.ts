/**
 * The fees the terminal counts, end to end through `dispatch` on backends built by
 * `createBackend` against the simulator: the account's tier where a key lets it ask (read with
 * ccxt's `fetchTradingFee`, docs/domain.md §4 "Fees"), Settings where the trader typed one,
 * the venue's default otherwise; the ticket's fee lines and checklist say which.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../electron/simulator/server.ts';
import { VENUES as PROFILES, type VenueId } from '../../../shared/domain/venues.ts';
import { deskDriver, TEST_PASSPHRASE, type DeskDriver } from './deskDriver.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const VENUES = ['binanceusdm', 'bybit'] as const;
/** A VIP tier on Bybit, below its lowest one, so a default standing in for it would show. */
const VIP = { taker: 0.0003, maker: 0.00005 };
const BYBIT_KEY = { apiKey: 'fees-bybit-key-01', secret: 'fees-SECRET-bybit-77aa' };

describe('Live: each fee from its own source', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'account-fees-live-'));
  const seen: string[] = [];
  let sim: Simulator;
  let backend: Backend;
  let desk: DeskDriver;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 20, initialBalance: 100_000, feeRates: { bybit: VIP } });
    sim.credentials.add({ venue: 'bybit', ...BYBIT_KEY });
    backend = await createBackend({
      mode: 'live', baseUrl: sim.url, clock: sim.clock, dataDir, venues: [...VENUES], pollScale: 0.05,
      publish: (name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`), logSink: (line) => seen.push(line),
    });
    desk = deskDriver(() => backend, VENUES, () => sim.clock.now(), seen);
  }, 30_000);

  afterAll(async () => {
    await backend.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a taker fee saved without a maker fee is kept, the maker left to the venue default', async () => {
    const saved = await desk.call('settings.set', { fees: [{ venue: 'binanceusdm', taker: 0.0004 }] });
    expect(saved.fees).toEqual([{ venue: 'binanceusdm', taker: 0.0004 }]);
    expect((await desk.call('settings.get')).fees).toEqual([{ venue: 'binanceusdm', taker: 0.0004 }]);
  });

  it('without a key every fee is Settings or the default; with Bybit\'s key its account tier is read and stamped', async () => {
    const before = await desk.call('fees.schedule');
    expect(before.find((f) => f.venue === 'bybit')).toMatchObject({ taker: { rate: PROFILES.bybit.takerFee, source: 'default' } });

    await desk.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    await desk.call('vault.setKey', { venue: 'bybit', label: 'main', ...BYBIT_KEY });
    const after = await desk.call('fees.schedule');
    const binance = after.find((f) => f.venue === 'binanceusdm')!;
    const bybit = after.find((f) => f.venue === 'bybit')!;
    expect(binance.taker).toEqual({ rate: 0.0004, source: 'settings', readAt: null });
    expect(binance.maker).toEqual({ rate: PROFILES.binanceusdm.makerFee, source: 'default', readAt: null });
    expect(bybit.taker).toEqual({ rate: VIP.taker, source: 'account', readAt: sim.clock.now() });
    expect(bybit.maker).toEqual({ rate: VIP.maker, source: 'account', readAt: sim.clock.now() });
    // Read once an hour, not on every request.
    const reads = () => sim.log.list({ path: '/v5/account/fee-rate' }).length;
    const count = reads();
    await desk.call('fees.schedule');
    expect(reads()).toBe(count);
  });
});

/** A Demo backend on `venues` whose simulator accounts hold `feeRates`, closed after the describe. */
function demoDesk(venues: readonly VenueId[], feeRates: SimulatorOptions['feeRates']): { desk: () => DeskDriver; backend: () => Backend; seen: string[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'account-fees-demo-'));
  const seen: string[] = [];
  let backend: Backend;
  let desk: DeskDriver;

  beforeAll(async () => {
    backend = await createBackend({
      mode: 'demo', dataDir, venues: [...venues], pollScale: 0.05,
      demoSimulatorOptions: { paused: true, startTime: START_TIME, universeSize: 20, initialBalance: 100_000, feeRates },
      publish: (name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`), logSink: (line) => seen.push(line),
    });
    desk = deskDriver(() => backend, venues, () => backend.demo!.simulator.clock.now(), seen);
  }, 30_000);

  afterAll(async () => {
    await backend.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { desk: () => desk, backend: () => backend, seen };
}

describe('Demo: the ticket counts the account\'s tier and says so', () => {
  const demo = demoDesk(VENUES, { bybit: VIP });

  it('each leg\'s fee is its account\'s tier, with its source, in the legs and in the checklist\'s costs', async () => {
    const preview = await demo.desk().call('ticket.preview', await demo.desk().btcTicket('fees-demo-1'));
    const readAt = demo.backend().demo!.simulator.clock.now();
    for (const leg of preview.legs) {
      const rate = leg.venue === 'bybit' ? VIP.taker : PROFILES.binanceusdm.takerFee;
      expect(leg).toMatchObject({ takerFeeRate: rate, feeSource: 'account', feeReadAt: readAt });
      expect(leg.feesUsd).toBeCloseTo(2 * leg.quantity * leg.markPrice * rate, 9);
    }
    const costs = preview.checklist.find((item) => item.id === 'costs')!;
    expect(costs.detail).toContain(`bybit 0.030 % account (read ${new Date(readAt).toISOString().slice(11, 16)} UTC)`);
  });

  it('the paper fills pay the tier the preview counted, not the venue default', async () => {
    const receipt = await demo.desk().call('ticket.submit', await demo.desk().btcTicket('fees-demo-2'));
    expect(receipt.execution.status).toBe('hedged');
    for (const order of receipt.execution.orders) {
      const rate = order.venue === 'bybit' ? VIP.taker : PROFILES.binanceusdm.takerFee;
      expect(order.fee, order.venue).toBeCloseTo(order.filled * order.averagePrice! * rate, 9);
    }
    const bybit = receipt.execution.orders.find((order) => order.venue === 'bybit')!;
    expect(bybit.fee).toBeLessThan(bybit.filled * bybit.averagePrice! * PROFILES.bybit.takerFee * 0.9);
  });
});

describe('Demo: the wallet venues read their tier with the demo wallet', () => {
  const WALLET_VENUES = ['hyperliquid', 'aster'] as const;
  const demo = demoDesk(WALLET_VENUES, { hyperliquid: VIP, aster: VIP });

  // Hyperliquid names the account by its wallet address (`userFees`), Aster signs with the wallet's key:
  // a paper broker reading with Demo's plain key had neither, and fell back to the default in silence.
  it('Hyperliquid and Aster answer with the account tier, not the default, and nothing is logged as failed', async () => {
    const schedule = await demo.desk().call('fees.schedule');
    for (const venue of WALLET_VENUES) {
      expect(schedule.find((f) => f.venue === venue), venue).toMatchObject({ taker: { rate: VIP.taker, source: 'account' }, maker: { rate: VIP.maker, source: 'account' } });
    }
    expect(demo.seen.filter((line) => line.includes('account fee tier not read'))).toEqual([]);
  });
});
