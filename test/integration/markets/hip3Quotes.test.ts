/**
 * Hyperliquid's HIP-3 dexes through the Hyperliquid adapter (docs/venues.md, "Hyperliquid HIP-3"):
 * each dex is one more `metaAndAssetCtxs` call, read at its own slower cadence, its perps quoted
 * with the dex in the symbol and its settle currency shown; a dex's coin counts as the asset of
 * that name only where it really is that asset. The cadence clock is stepped by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHyperliquidAdapter, HIP3_POLL_MS } from '../../../electron/backend/markets/hyperliquid.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { startPausedSimulator, type Simulator } from './simulatorHarness.ts';

let sim: Simulator;
let adapter: VenueAdapter;
let elapsed = 0;

/** The `POST /info` reads the simulator received since `from`, by what they asked (`metaAndAssetCtxs@xyz`). */
function readsSince(from: number): string[] {
  return sim.log.list({ venue: 'hyperliquid', path: '/info' }).slice(from).map((entry) => {
    const body = JSON.parse(entry.body ?? '{}') as { type?: string; dex?: string };
    return body.dex ? `${body.type}@${body.dex}` : String(body.type);
  });
}

const logged = () => sim.log.list({ venue: 'hyperliquid', path: '/info' }).length;
const bySymbol = (quotes: FundingQuote[]) => new Map(quotes.map((quote) => [quote.symbol, quote]));

beforeAll(async () => {
  sim = await startPausedSimulator(['hyperliquid']);
  adapter = createHyperliquidAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now(), elapsed: () => elapsed });
});

afterAll(async () => {
  await adapter.close();
  await sim.close();
});

describe('Hyperliquid HIP-3 quotes', () => {
  let first: FundingQuote[];
  let firstAt: number;

  it('loads the dexes with the markets (perpDexs, then one metaAndAssetCtxs per dex) and reads each dex once on the first poll', async () => {
    firstAt = sim.clock.now();
    first = await adapter.poll();
    const reads = readsSince(0);
    expect(reads.filter((read) => read === 'perpDexs')).toHaveLength(1);
    // Two per dex: one with the market load, one for the quotes.
    expect(reads.filter((read) => read === 'metaAndAssetCtxs@xyz')).toHaveLength(2);
    expect(reads.filter((read) => read === 'metaAndAssetCtxs@flx')).toHaveLength(2);
    const dexSymbols = sim.market.perpDexs().flatMap((dex) => dex.instruments.map((i) => `${i.id.replace(':', '-').toUpperCase()}/${dex.collateral}:${dex.collateral}`));
    expect([...bySymbol(first).keys()]).toEqual(expect.arrayContaining(dexSymbols));
  });

  it("quotes a dex's perp with the simulator's hourly rate, mark and settle currency (USDH on flx)", () => {
    const eth = bySymbol(first).get('FLX-ETH/USDH:USDH')!;
    const funding = sim.market.funding('hyperliquid', 'flx:ETH');
    expect([eth.rate, eth.intervalHours, eth.markPrice]).toEqual([funding.rate, 1, sim.market.ticker('hyperliquid', 'flx:ETH').mark]);
    expect(eth.observedAt).toBe(firstAt);
  });

  it("counts a dex's BTC as BTC (same name, oracles within 1 %), and keeps the dex in an equity's or a look-alike's name", () => {
    const quotes = bySymbol(first);
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.base).toBe('BTC');
    expect(quotes.get('FLX-ETH/USDH:USDH')!.base).toBe('ETH');
    expect(quotes.get('XYZ-NVDA/USDC:USDC')!.base).toBe('XYZ:NVDA');
    // xyz:C is the bank at about $100; the main dex's C is the token at its own price.
    expect(quotes.has('C/USDC:USDC')).toBe(true);
    expect(quotes.get('XYZ-C/USDC:USDC')!.base).toBe('XYZ:C');
  });

  it('a poll before the HIP-3 cadence has passed reads the main dex only and serves the dexes as last read, dated then', async () => {
    const from = logged();
    elapsed += VENUES.hyperliquid.pollMs;
    sim.clock.advanceTo(sim.clock.now() + VENUES.hyperliquid.pollMs);
    const quotes = bySymbol(await adapter.poll());
    expect(readsSince(from)).toEqual(['metaAndAssetCtxs']);
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.observedAt).toBe(firstAt);
    expect(quotes.get('BTC/USDC:USDC')!.observedAt).toBe(firstAt + VENUES.hyperliquid.pollMs);
  });

  it('once the cadence has passed, one more call per dex, and the dexes are dated anew', async () => {
    const from = logged();
    elapsed += HIP3_POLL_MS;
    sim.clock.advanceTo(sim.clock.now() + HIP3_POLL_MS);
    const quotes = bySymbol(await adapter.poll());
    expect(readsSince(from).sort()).toEqual(['metaAndAssetCtxs', 'metaAndAssetCtxs@flx', 'metaAndAssetCtxs@xyz']);
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.observedAt).toBe(sim.clock.now());
  });

  it("one dex's failed read fails neither the main dex nor the other dex: its quotes are served as last read, dated then, and it is retried after the cadence, not on every poll", async () => {
    const lastRead = sim.clock.now();
    sim.faults.inject({ venue: 'hyperliquid', kind: 'status', status: 500, path: '/info', bodyIncludes: '"dex":"xyz"', times: 1 });
    elapsed += HIP3_POLL_MS;
    sim.clock.advanceTo(sim.clock.now() + HIP3_POLL_MS);
    let from = logged();
    let quotes = bySymbol(await adapter.poll());
    expect(readsSince(from).sort()).toEqual(['metaAndAssetCtxs', 'metaAndAssetCtxs@flx', 'metaAndAssetCtxs@xyz']);
    expect(quotes.get('BTC/USDC:USDC')!.observedAt).toBe(sim.clock.now());
    expect(quotes.get('FLX-ETH/USDH:USDH')!.observedAt).toBe(sim.clock.now());
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.observedAt).toBe(lastRead);

    elapsed += VENUES.hyperliquid.pollMs;
    sim.clock.advanceTo(sim.clock.now() + VENUES.hyperliquid.pollMs);
    from = logged();
    quotes = bySymbol(await adapter.poll());
    expect(readsSince(from)).toEqual(['metaAndAssetCtxs']);
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.observedAt).toBe(lastRead);

    elapsed += HIP3_POLL_MS;
    sim.clock.advanceTo(sim.clock.now() + HIP3_POLL_MS);
    quotes = bySymbol(await adapter.poll());
    expect(quotes.get('XYZ-BTC/USDC:USDC')!.observedAt).toBe(sim.clock.now());
  });
});
