/**
 * Replay: a real Binance series (ENJUSDT, which moves between 8-hour and 1-hour settlements)
 * comes back through ccxt with its recorded rates at its recorded times; the project's funding
 * CSV drives settlements and the marks they are paid at.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { binanceClient } from './simulatorClients.ts';

const DATA = join(import.meta.dirname, '../../../../shared/data/binance-usdm-2026q1');
const MINUTE = 60_000;
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function recorded(symbol: string): Array<{ time: number; rate: number }> {
  return readFileSync(join(DATA, 'funding', `${symbol}.csv`), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [timestamp, , rate] = line.split(',');
    return { time: Math.round(Number(timestamp) / MINUTE) * MINUTE, rate: Number(rate) };
  });
}

describe('replay of recorded funding', () => {
  it('a real Binance series reproduces every recorded rate at its recorded time (to the minute), across its interval switches', async () => {
    const rows = recorded('ENJUSDT');
    sim = await startSimulator({ replay: [join(DATA, 'funding', 'ENJUSDT.csv')], paused: true, venues: ['binanceusdm'] });
    sim.clock.advanceTo(rows.at(-1)!.time + MINUTE);
    const ex = binanceClient(sim);
    const seen: Array<{ time: number; rate: number }> = [];
    let since = rows[0].time;
    while (seen.length < rows.length) {
      const page = await ex.fetchFundingRateHistory('ENJ/USDT:USDT', since, 100);
      if (!page.length) break;
      for (const entry of page) seen.push({ time: entry.timestamp!, rate: Number(entry.fundingRate) });
      since = page.at(-1)!.timestamp! + 1;
    }
    expect(seen).toEqual(rows);
    const gaps = new Set(rows.slice(1).map((row, i) => (row.time - rows[i].time) / 3_600_000));
    expect([...gaps].sort()).toEqual(expect.arrayContaining([1, 8]));
  });

  it('the published running rate is the next recorded one, and the interval follows the recording', async () => {
    const rows = recorded('ENJUSDT');
    sim = await startSimulator({ replay: [join(DATA, 'funding', 'ENJUSDT.csv')], paused: true, venues: ['binanceusdm'] });
    const oneHour = rows.findIndex((row, i) => i > 0 && row.time - rows[i - 1].time === 3_600_000);
    sim.clock.advanceTo(rows[oneHour - 1].time + MINUTE);
    const rate = await binanceClient(sim).fetchFundingRate('ENJ/USDT:USDT');
    expect(rate.fundingRate).toBe(rows[oneHour].rate);
    expect(rate.fundingTimestamp).toBe(rows[oneHour].time);
    expect(sim.market.funding('binanceusdm', 'ENJUSDT').intervalHours).toBe(1);
  });

  it('a recorded folder with klines drives the mark from the recorded bars', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sim-replay-'));
    mkdirSync(join(folder, 'funding'));
    mkdirSync(join(folder, 'klines_4h'));
    writeFileSync(join(folder, 'funding', 'ETHUSDT.csv'), readFileSync(join(DATA, 'funding', 'ETHUSDT.csv')));
    writeFileSync(join(folder, 'klines_4h', 'ETHUSDT.csv'), readFileSync(join(DATA, 'klines_4h', 'ETHUSDT.csv')));
    sim = await startSimulator({ replay: [folder], paused: true, venues: ['binanceusdm'] });
    const bars = readFileSync(join(DATA, 'klines_4h', 'ETHUSDT.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    const bar = bars.find(([time]) => time >= sim!.clock.now())!;
    sim.clock.advanceTo(bar[0]);
    expect(sim.market.markPrice('binanceusdm', 'ETHUSDT')).toBe(bar[1]);
  });

  it('the project’s funding CSV settles its rates at its times and pays positions at its recorded marks', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sim-replay-csv-'));
    const file = join(folder, 'eth.csv');
    const t0 = Date.UTC(2026, 1, 1, 0);
    const lines = ['venue,symbol,time,rate,interval_hours,mark_price'];
    for (let i = 0; i < 12; i++) lines.push(`binanceusdm,ETH/USDT:USDT,${t0 + i * 4 * 3_600_000},${(0.0001 * (i - 4)).toFixed(5)},4,${2000 + i}`);
    writeFileSync(file, lines.join('\n') + '\n');
    sim = await startSimulator({ replay: [file], paused: true, venues: ['binanceusdm'], startTime: t0 + 3_600_000 });
    const ex = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
    await ex.createOrder('ETH/USDT:USDT', 'market', 'sell', 3);
    sim.clock.advanceTo(t0 + 11 * 4 * 3_600_000);
    const paid = await ex.fetchFundingHistory('ETH/USDT:USDT', t0);
    expect(paid.map((p) => p.timestamp)).toEqual(Array.from({ length: 11 }, (_, i) => t0 + (i + 1) * 4 * 3_600_000));
    paid.forEach((p, i) => expect(p.amount).toBeCloseTo(3 * (2001 + i) * 0.0001 * (i - 3), 8));
  });
});
