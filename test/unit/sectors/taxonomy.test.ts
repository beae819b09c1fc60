import { describe, expect, it } from 'vitest';
import { buildUniverse, DEFAULT_UNIVERSE_SIZE, BENCH_UNIVERSE_SIZE } from '../../../electron/simulator/universe.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { canonicalBase, sectorOf, unknownBases } from '../../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP, SECTORS } from '../../../shared/sectors/taxonomy.ts';

/** What the venue calls the perp: its id, or the coin where the id is a market index (Lighter's `market_id`). */
const nameOf = (instrument: { id: string; base: string }) => (/^\d+$/.test(instrument.id) ? instrument.base : instrument.id);

describe('default sector taxonomy', () => {
  it('places at least 300 base assets into the 13 named sectors', () => {
    expect(DEFAULT_SECTOR_MAP.size).toBeGreaterThanOrEqual(300);
    expect(new Set(DEFAULT_SECTOR_MAP.values())).toEqual(new Set(SECTORS));
  });

  it('every instrument of the simulator default universe, on every venue, has a sector', () => {
    const universe = buildUniverse(VENUE_IDS, DEFAULT_UNIVERSE_SIZE);
    const bases = VENUE_IDS.flatMap((venue) => universe.listings(venue).flatMap((l) => [l.instrument.base, nameOf(l.instrument)]));
    expect(bases.length).toBeGreaterThan(DEFAULT_UNIVERSE_SIZE);
    expect(unknownBases(bases, DEFAULT_SECTOR_MAP)).toEqual([]);
  });

  it('in the 500-asset bench universe the unplaced assets are listed as unknown, each once, and are few', () => {
    const universe = buildUniverse(VENUE_IDS, BENCH_UNIVERSE_SIZE);
    const ids = VENUE_IDS.flatMap((venue) => universe.listings(venue).map((l) => nameOf(l.instrument)));
    const unknown = unknownBases(ids, DEFAULT_SECTOR_MAP);
    expect(unknown).toEqual(universe.assets.map((a) => a.base).filter((b) => sectorOf(b, DEFAULT_SECTOR_MAP) === null).sort());
    expect(unknown.length).toBeLessThan(BENCH_UNIVERSE_SIZE * 0.15);
  });
});

describe('sector lookup across venue naming', () => {
  it.each([
    ['1000PEPEUSDT', 'PEPE'], ['kPEPE', 'PEPE'], ['1000PEPE/USDT:USDT', 'PEPE'], ['1000000MOGUSDT', 'MOG'], ['1MBABYDOGEUSDT', 'BABYDOGE'],
    ['BTC-USDT-SWAP', 'BTC'], ['BTC_USDT', 'BTC'], ['XBTUSDTM', 'BTC'], ['ATOMUSDTM', 'ATOM'], ['ATOMUSDT', 'ATOM'], ['ETH-PERP', 'ETH'], ['LUNA2USDT', 'LUNA'], ['RAYSOLUSDT', 'RAY'], ['1INCHUSDT', '1INCH'], ['MATIC', 'POL'],
  ])('%s is the asset %s', (symbol, base) => {
    expect(canonicalBase(symbol)).toBe(base);
  });

  it('multiplier-prefixed and plain names land in the same sector (1000PEPE and PEPE are Meme)', () => {
    expect(sectorOf('1000PEPEUSDT', DEFAULT_SECTOR_MAP)).toBe('Meme');
    expect(sectorOf('PEPE/USDC:USDC', DEFAULT_SECTOR_MAP)).toBe('Meme');
  });

  it('an asset the map does not know has no sector (null), not "Other"', () => {
    expect(sectorOf('NOTAREALCOINUSDT', DEFAULT_SECTOR_MAP)).toBeNull();
  });
});
