import { describe, expect, it } from 'vitest';
import { BENCH_UNIVERSE_SIZE, DEFAULT_UNIVERSE_SIZE, buildUniverse, parseAssets } from '../../../electron/simulator/universe.ts';
import { SECTORS } from '../../../electron/simulator/assets.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';

const all = buildUniverse([...VENUE_IDS], BENCH_UNIVERSE_SIZE);

describe('simulated universe', () => {
  it('ships at least 500 distinct real base assets, each with a price level and one of the project’s sectors', () => {
    const assets = parseAssets();
    expect(assets.length).toBeGreaterThanOrEqual(500);
    expect(new Set(assets.map((a) => a.base)).size).toBe(assets.length);
    for (const asset of assets) {
      expect(asset.price).toBeGreaterThan(0);
      expect(SECTORS).toContain(asset.sector);
    }
    expect(new Set(assets.map((a) => a.sector)).size).toBe(SECTORS.length);
  });

  it('the default demo universe is smaller than the benchmark one', () => {
    expect(buildUniverse(['binanceusdm']).listings('binanceusdm')).toHaveLength(DEFAULT_UNIVERSE_SIZE);
    expect(all.listings('binanceusdm').length).toBeGreaterThanOrEqual(500);
  });

  it('names instruments as each venue does', () => {
    const ids = Object.fromEntries(VENUE_IDS.map((v) => [v, all.listings(v).find((l) => l.asset.base === 'BTC')!.instrument.id]));
    expect(ids).toEqual({ binanceusdm: 'BTCUSDT', bybit: 'BTCUSDT', okx: 'BTC-USDT-SWAP', bitget: 'BTCUSDT', gate: 'BTC_USDT', hyperliquid: 'BTC', aster: 'BTCUSDT', kucoinfutures: 'XBTUSDTM', bingx: 'BTC-USDT', paradex: 'BTC-USD-PERP', lighter: '100' });
    expect(all.listing('binanceusdm', '1000PEPEUSDT')?.priceScale).toBe(1000);
    expect(all.listing('hyperliquid', 'kPEPE')?.instrument.settle).toBe('USDC');
    expect(all.listing('okx', 'BTC-USDT-SWAP')?.instrument.contractSize).toBe(0.01);
    expect(all.listing('gate', 'PEPE_USDT')?.instrument.contractSize).toBeGreaterThan(1);
    // KuCoin's recorded XBTUSDTM: lots of 0.001 BTC, priced per BTC.
    expect(all.listing('kucoinfutures', 'XBTUSDTM')).toMatchObject({ priceScale: 1, instrument: { contractSize: 0.001, stepSize: 1 } });
    expect(all.listing('kucoinfutures', 'PEPEUSDTM')?.instrument.contractSize).toBeGreaterThan(1);
    // BingX's recorded BTC-USDT: coins in steps of 0.0001, at least 2 USDT an order.
    expect(all.listing('bingx', 'BTC-USDT')?.instrument).toMatchObject({ contractSize: 1, stepSize: 0.0001, minQty: 0.0001, minNotional: 2 });
    expect(all.listing('bingx', '1000PEPE-USDT')?.priceScale).toBe(1000);
    // Paradex's recorded BTC-USD-PERP: coins in steps of 0.001, priced in USD, settled in USDC; a thousand PEPE is kPEPE.
    expect(all.listing('paradex', 'BTC-USD-PERP')?.instrument).toMatchObject({ contractSize: 1, stepSize: 0.001, tickSize: 0.1, quote: 'USD', settle: 'USDC' });
    expect(all.listing('paradex', 'kPEPE-USD-PERP')?.priceScale).toBe(1000);
    // Lighter names markets by index: ETH is 0 and LTC 35 in ccxt's recorded markets, USDC-settled,
    // ETH in steps of 0.0001 from 0.005, at least 10 USDC an order; other coins get made-up indices.
    expect(all.listing('lighter', '0')).toMatchObject({ asset: { base: 'ETH' }, instrument: { settle: 'USDC', contractSize: 1, stepSize: 0.0001, minQty: 0.005, minNotional: 10 } });
    expect(all.listing('lighter', '35')?.asset.base).toBe('LTC');
  });

  it('not every venue lists every asset, but the most liquid are listed everywhere', () => {
    const counts = VENUE_IDS.map((v) => all.listings(v).length);
    expect(Math.min(...counts)).toBeLessThan(Math.max(...counts));
    for (const venue of VENUE_IDS) expect(all.listings(venue).slice(0, 10).map((l) => l.asset.rank)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('intervals: hyperliquid hourly; okx 8 h or 4 h; others mostly 8 h or 4 h with a few 2 h and 1 h', () => {
    const hours = (venue: (typeof VENUE_IDS)[number]) => all.listings(venue).map((l) => l.instrument.intervalHours);
    expect(new Set(hours('hyperliquid'))).toEqual(new Set([1]));
    expect(new Set(hours('okx'))).toEqual(new Set([4, 8]));
    // Aster mixes 8 h, 4 h and 1 h per symbol, as its fundingInfo lists them.
    expect(new Set(hours('aster'))).toEqual(new Set([1, 4, 8]));
    // KuCoin Futures too (each contract row's fundingRateGranularity).
    expect(new Set(hours('kucoinfutures'))).toEqual(new Set([1, 4, 8]));
    // BingX too (each premium-index row's fundingIntervalHours).
    expect(new Set(hours('bingx'))).toEqual(new Set([1, 4, 8]));
    // Paradex quotes every perp's continuous rate for an 8-h funding period.
    expect(new Set(hours('paradex'))).toEqual(new Set([8]));
    // Lighter settles every market every hour.
    expect(new Set(hours('lighter'))).toEqual(new Set([1]));
    const binance = hours('binanceusdm');
    expect(new Set(binance)).toEqual(new Set([1, 2, 4, 8]));
    expect(binance.filter((h) => h === 4 || h === 8).length / binance.length).toBeGreaterThan(0.9);
  });
});
