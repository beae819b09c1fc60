import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sectorOf } from '../../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';
import { DATA_DIR } from '../../unit/history/realFundingData.ts';

/** A slice of the recorded Binance USDⓈ-M quarter (see /work/shared/data/README.md), converted at run time. */
export const BINANCE_Q1 = join(DATA_DIR, 'binance-usdm-2026q1');
export const hasBinanceQ1 = existsSync(BINANCE_Q1);

/**
 * The first `count` markets (by name) that the default taxonomy places and that have 4-hour
 * klines, spread across sectors by taking them round-robin per sector, so most sectors reach
 * the study's three-asset minimum.
 */
export function mappedMarkets(count: number): string[] {
  const klines = new Set(readdirSync(join(BINANCE_Q1, 'klines_4h')));
  const bySector = new Map<string, string[]>();
  for (const file of readdirSync(join(BINANCE_Q1, 'funding')).sort()) {
    const market = file.replace(/\.csv$/, '');
    const sector = sectorOf(market, DEFAULT_SECTOR_MAP);
    if (sector === null || !klines.has(file)) continue;
    bySector.set(sector, [...(bySector.get(sector) ?? []), market]);
  }
  const picked: string[] = [];
  const queues = [...bySector.values()];
  for (let round = 0; picked.length < count && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) if (queue[round] !== undefined && picked.length < count) picked.push(queue[round]);
  }
  return picked.sort();
}

/** 4-hour klines as the project's price CSV; a close is known at its bar's end (`close_time` + 1 ms). */
export function binancePriceCsv(markets: readonly string[]): string {
  const lines = ['venue,symbol,time,close'];
  for (const market of markets) {
    const rows = readFileSync(join(BINANCE_Q1, 'klines_4h', `${market}.csv`), 'utf8').trim().split('\n').slice(1);
    const symbol = `${market.slice(0, -4)}/USDT:USDT`;
    for (const row of rows) {
      const cells = row.split(',');
      lines.push(`binanceusdm,${symbol},${Number(cells[8]) + 1},${cells[4]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
