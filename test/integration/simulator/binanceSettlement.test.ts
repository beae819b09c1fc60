/**
 * Funding settlement through the wire: positions held across settlements on 1-hour, 4-hour and
 * 8-hour symbols are credited or debited exactly size × mark × rate at each settlement, and
 * ccxt's fetchFundingHistory shows every payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { binanceClient, START_TIME } from './simulatorClients.ts';

const VENUE = 'binanceusdm';
const HOUR = 3_600_000;
let sim: Simulator;
let ex: ReturnType<typeof binanceClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, paused: true, startTime: START_TIME, venues: [VENUE], universeSize: 30 });
  ex = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
  await ex.loadMarkets();
});
afterAll(() => sim.close());

describe('funding settlement on open positions', () => {
  const legs = [
    { symbol: 'ETH/USDT:USDT', id: 'ETHUSDT', hours: 8, side: 'buy' as const, amount: 1 },
    { symbol: 'SOL/USDT:USDT', id: 'SOLUSDT', hours: 4, side: 'sell' as const, amount: 10 },
    { symbol: 'XRP/USDT:USDT', id: 'XRPUSDT', hours: 1, side: 'buy' as const, amount: 300 },
  ];

  it('1 h, 4 h and 8 h symbols each pay size × mark × rate at every settlement until 16:00 UTC', async () => {
    for (const leg of legs) if (sim.market.funding(VENUE, leg.id).intervalHours !== leg.hours) sim.market.setInterval(VENUE, leg.id, leg.hours);
    sim.market.setRate(VENUE, 'SOLUSDT', -0.00042);
    for (const leg of legs) await ex.createOrder(leg.symbol, 'market', leg.side, leg.amount);
    const sixteen = Date.UTC(2026, 2, 4, 16, 0, 0);
    sim.clock.advanceTo(sixteen + 30_000);

    const counts: Record<string, number> = {};
    for (const leg of legs) {
      const paid = await ex.fetchFundingHistory(leg.symbol, START_TIME);
      const settlements = sim.market.fundingHistory(VENUE, leg.id, { since: START_TIME, until: sixteen });
      const size = leg.side === 'buy' ? leg.amount : -leg.amount;
      counts[leg.id] = paid.length;
      expect(paid.map((p) => p.timestamp)).toEqual(settlements.map((s) => s.time));
      paid.forEach((payment, i) => expect(payment.amount).toBeCloseTo(-size * settlements[i].markPrice * settlements[i].rate, 8));
    }
    expect(counts).toEqual({ ETHUSDT: 1, SOLUSDT: 2, XRPUSDT: 6 });
    const sol = await ex.fetchFundingHistory('SOL/USDT:USDT', START_TIME);
    expect(sol.every((p) => p.amount! < 0)).toBe(true);
  });

  it('the settled rate is the one published as the running rate just before the settlement', async () => {
    const next = sim.market.funding(VENUE, 'XRPUSDT').nextFundingTime;
    sim.clock.advanceTo(next - 1);
    const published = (await ex.fetchFundingRate('XRP/USDT:USDT')).fundingRate;
    sim.clock.advanceTo(next + 1);
    const [settled] = await ex.fetchFundingRateHistory('XRP/USDT:USDT', next, 1);
    expect(settled.timestamp).toBe(next);
    expect(settled.fundingRate).toBe(published);
  });

  it('a symbol held at its cap moves to 1-hour settlements, as Binance does', async () => {
    const id = 'DOGEUSDT';
    const cap = sim.market.instrument(VENUE, id)!.fundingCap;
    sim.market.setRate(VENUE, id, cap);
    const first = sim.market.funding(VENUE, id).nextFundingTime;
    sim.clock.advanceTo(first + 1);
    expect(sim.market.funding(VENUE, id).intervalHours).toBe(1);
    expect(sim.market.funding(VENUE, id).nextFundingTime).toBe(first + HOUR);
    const intervals = await ex.fetchFundingIntervals();
    expect(intervals['DOGE/USDT:USDT'].interval).toBe('1h');
  });
});
