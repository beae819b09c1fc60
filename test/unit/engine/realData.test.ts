import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { regimeOf } from '../../../shared/funding/regime.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';

const DATA = new URL('../../../../shared/data/binance-usdm-2026q1/funding/', import.meta.url);
const HOUR = 3_600_000;

interface Settlement {
  time: number;
  rate: number;
  intervalHours: number;
  per8h: number;
}

/** A Binance funding CSV (timestamp,symbol,funding_rate): times rounded to the minute, interval from the gap to the previous settlement. */
function settlements(file: string): Settlement[] {
  const rows = readFileSync(new URL(file, DATA), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [ts, , rate] = line.split(',');
    return { time: Math.round(Number(ts) / 60_000) * 60_000, rate: Number(rate) };
  });
  return rows.map((row, i) => {
    const gap = i > 0 ? row.time - rows[i - 1].time : rows[1].time - row.time;
    const intervalHours = gap / HOUR;
    return { ...row, intervalHours, per8h: (row.rate * 8) / intervalHours };
  });
}

/** Independent expectations, straight from the series. */
function expectedVelocity(series: Settlement[], i: number, hours: number): number | null {
  let j = i;
  while (j >= 0 && series[j].time > series[i].time - hours * HOUR) j--;
  if (j < 0) return null;
  return (series[i].per8h - series[j].per8h) / ((series[i].time - series[j].time) / HOUR);
}

function expectedPersistence(series: Settlement[], i: number): number {
  const regime = regimeOf(series[i].per8h);
  if (regime !== 'extreme-bull' && regime !== 'extreme-bear') return 0;
  let j = i;
  while (j > 0 && regimeOf(series[j - 1].per8h) === regime) j--;
  return (series[i].time - series[j].time) / HOUR;
}

describe('the engine on real Binance funding (binance-usdm-2026q1)', () => {
  it.each(['LYNUSDT.csv', 'AXSUSDT.csv', 'BTCUSDT.csv'])('%s: regime, velocity over 1/4/24 h and persistence match the series settlement by settlement', (file) => {
    const series = settlements(file);
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const base = file.replace('USDT.csv', '');
    let extremeSteps = 0;
    series.forEach((s, i) => {
      const quote = { venue: 'binanceusdm' as const, symbol: `${base}/USDT:USDT`, base, multiplier: 1, rate: s.rate, rateKind: 'settled' as const, lastSettledRate: s.rate, intervalHours: s.intervalHours, nextFundingTime: s.time + s.intervalHours * HOUR, markPrice: null, indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: s.time };
      const row = engine.apply([quote], s.time).batch.upserts.find((r: Opportunity) => r.base === base)!;
      expect(row.meanPer8h).toBeCloseTo(s.per8h, 15);
      expect(row.regime).toBe(regimeOf(s.per8h));
      for (const [key, hours] of [['h1', 1], ['h4', 4], ['h24', 24]] as const) {
        const expected = expectedVelocity(series, i, hours);
        if (expected === null) expect(row.velocity[key]).toBeNull();
        else expect(row.velocity[key]).toBeCloseTo(expected, 12);
      }
      expect(row.persistenceHours).toBeCloseTo(expectedPersistence(series, i), 9);
      if (row.persistenceHours > 0) extremeSteps++;
    });
    expect(series.length).toBe(200);
    if (file !== 'BTCUSDT.csv') expect(extremeSteps).toBeGreaterThan(10); // the series really exercises persistence
  });
});
