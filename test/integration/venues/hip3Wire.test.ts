/**
 * Hyperliquid's HIP-3 reads (docs/venues.md, "Hyperliquid HIP-3"): the simulator's `perpDexs` and
 * a dex's `metaAndAssetCtxs` against Hyperliquid's documented answers as ccxt quotes them (ccxt's
 * recordings hold no HIP-3 market answer), and ccxt's reading of them: the dex's coin names, the
 * asset ids ccxt signs orders with, the collateral token read through the spot tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { recorded } from './recordedFixtures.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeWireCases, type WireCase } from './wireCases.ts';
import { startWireSimulator } from './wireHarness.ts';

let sim: Simulator;
let client: WireClient;
const answers = new Map<string, unknown>();

const second = (answer: unknown) => (answer as unknown[])[1];

const CASES: WireCase[] = [
  // The main dex is entry 0, null in both; the dexes' rows follow.
  { method: 'perpDexs', fixture: 'perpDexs', route: 'POST /info', pick: second, real: () => second(recorded('hyperliquid', 'perpDexs').response) },
  {
    method: 'metaAndAssetCtxs (dex)', fixture: 'metaAndAssetCtxsDex', route: 'POST /info',
    allowed: {
      'extra $[].universe[].marginTableId': 'Hyperliquid added margin tables after the documented answer (docs/venues.md "Margin tiers"); the main dex states them too',
      'extra $[].marginTables': 'the same margin tables, listed beside the universe',
    },
  },
];

beforeAll(async () => {
  sim = await startWireSimulator(['hyperliquid']);
  client = wireClient(sim, 'hyperliquid');
  await client.exchange.publicPostInfo({ type: 'perpDexs' });
  answers.set('perpDexs', client.answer('POST', '/info'));
  await client.exchange.publicPostInfo({ type: 'metaAndAssetCtxs', dex: 'xyz' });
  answers.set('metaAndAssetCtxs (dex)', client.answer('POST', '/info'));
});

afterAll(async () => {
  await client.exchange.close();
  await sim.close();
});

describeWireCases('hyperliquid', CASES, () => ({ client, saved: answers }));

describe('Hyperliquid HIP-3 as ccxt reads it', () => {
  it('lists the main dex first as null, then the dexes, each with its coins under their dex-qualified names', () => {
    const dexes = answers.get('perpDexs') as Array<{ name: string; assetToStreamingOiCap: Array<[string, string]> } | null>;
    expect(dexes[0]).toBeNull();
    expect(dexes.slice(1).map((dex) => dex!.name)).toEqual(sim.market.perpDexs().map((dex) => dex.name));
    expect(dexes[1]!.assetToStreamingOiCap.map(([coin]) => coin)).toEqual(sim.market.perpDexs()[0].instruments.map((i) => i.id));
  });

  it("loads every dex's perp with the asset id ccxt signs orders with: 100000 + 10000 × the dex's place + its index", async () => {
    await client.exchange.loadMarkets();
    sim.market.perpDexs().forEach((dex, place) => dex.instruments.forEach((instrument, index) => {
      const market = Object.values(client.exchange.markets ?? {}).find((m) => (m as { baseName?: string }).baseName === instrument.id)!;
      expect([market.id, (market.info as { dex?: string }).dex]).toEqual([String(100_000 + 10_000 * (place + 1) + index), dex.name]);
    }));
  });

  it("reads a dex's collateral through the spot tokens: flx settles in USDH, xyz in USDC", async () => {
    // The wire client skips the currencies call as the brokers do; the adapter makes it (ccxt's loadMarkets).
    client.exchange.has = { ...client.exchange.has, fetchCurrencies: true };
    await client.exchange.loadMarkets(true);
    expect(client.exchange.market('FLX-ETH/USDH:USDH').settle).toBe('USDH');
    expect(client.exchange.market('XYZ-BTC/USDC:USDC').settle).toBe('USDC');
  });
});
