/**
 * The backend bench's memory breakdown (docs/architecture.md, "Memory"): where the resident
 * memory of the backend process goes, from the probe's figures, the markets probe's per-venue
 * ccxt markets and a bare process that only imports ccxt.
 */
import type { BenchResult } from './types.ts';

/** Per venue, what its perp and spot exchanges keep once their markets are loaded (marketsProbe.ts). */
export type MarketsFigures = Record<string, Record<'perp' | 'spot', { mb: number; instanceMb: number; infoMb: number; markets: number } | null>>;

/** What a bare Node process imports of ccxt: its barrel, or the terminal's classes alone (REST, then with every venue's ccxt.pro class too). */
type CcxtImport = 'barrel' | 'rest' | 'pro';
export type CcxtImportFigures = Record<CcxtImport, { rssMb: number; heapMb: number }>;

/**
 * A bare Node process before and after importing `what` of ccxt, in MB. The venue list is
 * imported first in each: it loads Node's TypeScript stripping too, which the bundled app has not.
 */
export function ccxtImportScript(what: CcxtImport): string {
  const url = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
  const load = what === 'barrel' ? "await import('ccxt');"
    : `const m = await import(${url('../../electron/backend/markets/ccxtModules.ts')});${what === 'pro' ? ' await Promise.all(VENUE_IDS.map(m.proClass));' : ''}`;
  return `const { VENUE_IDS } = await import(${url('../../shared/domain/venues.ts')}); globalThis.gc();
const before = process.memoryUsage(); ${load} globalThis.gc(); const after = process.memoryUsage();
console.log(JSON.stringify({ rssMb: (after.rss - before.rss) / 2 ** 20, heapMb: (after.heapUsed - before.heapUsed) / 2 ** 20 }));`;
}

export function memoryRows(all: Record<string, number | string>, six: Record<string, number | string>, markets: MarketsFigures, ccxtImport: CcxtImportFigures): BenchResult[] {
  const n = (figures: Record<string, number | string>, key: string) => Number(figures[key]);
  const outsideHeap = (f: Record<string, number | string>) => n(f, 'rssMb') - n(f, 'heapTotalMb') - n(f, 'externalMb');
  const venues = Object.entries(markets);
  const total = (kind: 'perp' | 'spot') => venues.reduce((sum, [, figures]) => sum + (figures[kind]?.mb ?? 0), 0);
  return [
    { name: `memory: V8 heap used, ${all.venues} venues (baseline: the first 6)`, value: n(all, 'heapMb'), unit: 'MB', baseline: n(six, 'heapMb') },
    { name: `memory: V8 heap reserved (heap total), ${all.venues} venues (baseline: the first 6)`, value: n(all, 'heapTotalMb'), unit: 'MB', baseline: n(six, 'heapTotalMb') },
    { name: `memory: V8 heap live after a full GC, ${all.venues} venues (baseline: the first 6)`, value: n(all, 'liveHeapMb'), unit: 'MB', baseline: n(six, 'liveHeapMb') },
    { name: 'memory: V8 external (Buffers, DuckDB results on the JS side)', value: n(all, 'externalMb'), unit: 'MB' },
    { name: 'memory: of which ArrayBuffers', value: n(all, 'arrayBuffersMb'), unit: 'MB' },
    { name: 'memory: V8 code space (compiled code)', value: n(all, 'codeMb'), unit: 'MB' },
    { name: `memory: DuckDB buffer manager in use (memory_limit ${all.duckdbLimit}, file ${all.duckdbFile})`, value: n(all, 'duckdbMb'), unit: 'MB' },
    { name: 'memory: DuckDB spilled to its temporary directory', value: n(all, 'duckdbSpilledMb'), unit: 'MB' },
    { name: 'memory: engine worker V8 heap used (its own thread)', value: n(all, 'engineWorkerHeapMb'), unit: 'MB' },
    { name: 'memory: engine worker V8 heap reserved', value: n(all, 'engineWorkerHeapTotalMb'), unit: 'MB' },
    { name: 'memory: market-data worker V8 heap used (its own thread: ccxt, pollers)', value: n(all, 'marketWorkerHeapMb'), unit: 'MB' },
    { name: 'memory: market-data worker V8 heap reserved', value: n(all, 'marketWorkerHeapTotalMb'), unit: 'MB' },
    { name: `memory: resident outside the main V8 heap (the workers, DuckDB, native code), ${all.venues} venues (baseline: the first 6)`, value: outsideHeap(all), unit: 'MB', baseline: outsideHeap(six) },
    { name: 'memory: importing ccxt\'s barrel alone (every exchange class), resident', value: ccxtImport.barrel.rssMb, unit: 'MB' },
    { name: 'memory: importing ccxt\'s barrel alone, heap', value: ccxtImport.barrel.heapMb, unit: 'MB' },
    { name: 'memory: importing the terminal\'s ccxt classes alone (ccxtModules.ts: REST, errors; baseline: the barrel), resident', value: ccxtImport.rest.rssMb, unit: 'MB', baseline: ccxtImport.barrel.rssMb },
    { name: 'memory: same, heap (baseline: the barrel)', value: ccxtImport.rest.heapMb, unit: 'MB', baseline: ccxtImport.barrel.heapMb },
    { name: 'memory: same with every venue\'s ccxt.pro class (a streaming thread; baseline: the barrel), resident', value: ccxtImport.pro.rssMb, unit: 'MB', baseline: ccxtImport.barrel.rssMb },
    { name: 'memory: same, heap (baseline: the barrel)', value: ccxtImport.pro.heapMb, unit: 'MB', baseline: ccxtImport.barrel.heapMb },
    ...venues.flatMap(([venue, figures]) => (['perp', 'spot'] as const).flatMap((kind) => {
      const f = figures[kind];
      return f ? [{ name: `memory: ccxt ${kind} markets, ${venue} (${f.markets} markets; instance ${f.instanceMb.toFixed(2)} MB, raw info ${f.infoMb.toFixed(2)} MB)`, value: f.mb, unit: 'MB' }] : [];
    })),
    { name: `memory: ccxt perp markets, all ${venues.length} venues`, value: total('perp'), unit: 'MB' },
    { name: `memory: ccxt spot markets (the brokers' spot exchanges), all ${venues.length} venues`, value: total('spot'), unit: 'MB' },
  ];
}
