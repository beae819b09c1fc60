/**
 * Kill switch time to flat against the simulator: 10 positions on 4 venues through the live
 * (Demo) brokers, ccxt's real HTTP code and the gateway's journal, without faults and with
 * 429s on two venues plus one venue down for 1 s. Baseline: the same flatteners run one venue
 * after another, the straightforward way.
 */
import type { BenchResult } from './types.ts';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch, type Flattener } from '../../electron/backend/trading/killSwitch.ts';
import type { Simulator } from '../../electron/simulator/server.ts';
import type { Broker } from '../../electron/backend/trading/brokers/broker.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { liveBrokers, startTradingSimulator, TRADING_VENUES } from '../integration/trading/harness.ts';
import { journalOf } from '../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../fixtures/killSwitchTargets.ts';

const POSITIONS: Array<[VenueId, string, number]> = [
  ['binanceusdm', 'BTC/USDT:USDT', 0.02], ['binanceusdm', 'ETH/USDT:USDT', 0.5], ['binanceusdm', 'SOL/USDT:USDT', 5],
  ['bybit', 'BTC/USDT:USDT', 0.02], ['bybit', 'ETH/USDT:USDT', 0.5], ['bybit', 'SOL/USDT:USDT', 5],
  ['okx', 'BTC/USDT:USDT', 0.02], ['okx', 'ETH/USDT:USDT', 0.5],
  ['hyperliquid', 'BTC/USDC:USDC', 0.02], ['hyperliquid', 'ETH/USDC:USDC', 0.5],
];

async function open(gateway: Gateway, round: number): Promise<void> {
  for (const [i, [venue, symbol, quantity]] of POSITIONS.entries()) {
    const result = await gateway.submitPair({
      ticketId: `bench-${round}-${i}`, legOrder: 'sequential', legTimeoutMs: 5_000, checklist: {}, override: null,
      legs: [{ venue, symbol, side: i % 2 ? 'sell' : 'buy', quantity, reduceOnly: false }],
    });
    if (result.status !== 'hedged') throw new Error(`bench setup: ${venue} ${symbol}: ${result.message}`);
  }
}

async function timeToFlat(
  sim: Simulator, brokers: Map<VenueId, Broker>, round: number, mode: 'parallel' | 'sequential', faults: boolean,
): Promise<{ ms: number; flat: number }> {
  const store = await openStore(':memory:');
  const state = new TradingStateMachine(Date.now(), () => undefined);
  const gateway = createGateway({ state, journal: journalOf(store), brokers: (v) => brokers.get(v)!, now: Date.now, lookupDelaysMs: [0, 200] });
  await open(gateway, round);
  const flatteners = createFlatteners(TRADING_VENUES.map((v) => brokers.get(v)!), gateway, journalOf(store), Date.now);
  if (faults) {
    sim.faults.inject({ venue: 'bybit', kind: 'status', status: 429, times: 2 });
    sim.faults.inject({ venue: 'okx', kind: 'status', status: 429, times: 2 });
    sim.faults.setDown('hyperliquid', true);
    setTimeout(() => sim.faults.setDown('hyperliquid', false), 1_000);
  }
  const t0 = performance.now();
  const run = (list: Flattener[]) => engageKillSwitch({ state: new TradingStateMachine(Date.now(), () => undefined), now: Date.now, deadlineMs: 15_000, targets: () => list.map(reachableTarget) }, 'bench');
  const reports = mode === 'parallel' ? [await run(flatteners)] : await flatteners.reduce(
    async (done, f) => [...(await done), await run([f])], Promise.resolve([] as Awaited<ReturnType<typeof run>>[]));
  const ms = performance.now() - t0;
  sim.faults.clear();
  await store.close();
  return { ms, flat: reports.flatMap((r) => r.venues).filter((v) => v.flat).length };
}

export async function run(): Promise<BenchResult[]> {
  const sim = await startTradingSimulator();
  const brokers = await liveBrokers(sim, 2_000);
  try {
    const sequential = await timeToFlat(sim, brokers, 0, 'sequential', false);
    const clean = await timeToFlat(sim, brokers, 1, 'parallel', false);
    const faulty = await timeToFlat(sim, brokers, 2, 'parallel', true);
    for (const result of [sequential, clean, faulty]) if (result.flat !== 4) throw new Error(`kill switch bench: only ${result.flat} of 4 venues flat`);
    return [
      { name: 'kill switch: time to flat, 10 positions on 4 venues', value: clean.ms, unit: 'ms', baseline: sequential.ms },
      { name: 'kill switch: time to flat with 429s and a venue down 1 s', value: faulty.ms, unit: 'ms', baseline: sequential.ms },
    ];
  } finally {
    for (const broker of brokers.values()) await broker.close();
    await sim.close();
  }
}
