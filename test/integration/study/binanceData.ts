import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';

/** The recorded Binance USDⓈ-M data set (see /work/shared/data/README.md); converted at run time. */
export const BINANCE_DIR = join(import.meta.dirname, '../../../../shared/data/binance-usdm-2026q1');
export const hasBinanceData = existsSync(BINANCE_DIR);

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Funding CSVs `timestamp,symbol,funding_rate` have no interval column: the interval of a
 * settlement is the gap to the previous one (the first takes the gap to the next), rounded to
 * the hour, so interval switches inside a series are kept.
 */
export function loadBinanceFunding(): FundingPoint[] {
  const points: FundingPoint[] = [];
  for (const file of readdirSync(join(BINANCE_DIR, 'funding')).sort()) {
    const rows = readFileSync(join(BINANCE_DIR, 'funding', file), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const times = rows.map((r) => Math.round(Number(r[0]) / MINUTE) * MINUTE);
    rows.forEach((r, i) => {
      const gap = i > 0 ? times[i] - times[i - 1] : times[1] - times[0];
      const intervalHours = Math.max(1, Math.round(gap / HOUR));
      points.push({ venue: 'binanceusdm', symbol: r[1], time: times[i], rate: Number(r[2]), intervalHours, markPrice: null });
    });
  }
  return points;
}

/** 4-hour klines: the close is known at the bar's end (`close_time` + 1 ms). */
export function loadBinancePrices(): PricePoint[] {
  const points: PricePoint[] = [];
  for (const file of readdirSync(join(BINANCE_DIR, 'klines_4h')).sort()) {
    const symbol = file.replace(/\.csv$/, '');
    const lines = readFileSync(join(BINANCE_DIR, 'klines_4h', file), 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const cells = line.split(',');
      points.push({ venue: 'binanceusdm', symbol, time: Number(cells[8]) + 1, close: Number(cells[4]) });
    }
  }
  return points;
}
