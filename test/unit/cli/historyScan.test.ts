import { describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { parseFundingCsv } from '../../../shared/history/fundingCsv.ts';
import { historyScan } from '../../../electron/cli/scan.ts';
import { LatestSettlements } from '../../../shared/history/latestSettlements.ts';
import { binanceQ1Csv, inferIntervals, sevenVenuesCsv } from '../history/realFundingData.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
/** The scan as `scan --history` runs it (the engine over the settlements in force), with what it left out. */
function scanAt(points: Iterable<FundingPoint>, at: number, warnings: string[] = []) {
  const latest = new LatestSettlements(at);
  for (const point of points) latest.add(point);
  return historyScan(latest.points(), at, (line) => warnings.push(line));
}
const p = (venue: string, symbol: string, time: number, rate: number, intervalHours: number): FundingPoint => ({ venue, symbol, time, rate, intervalHours, markPrice: null });

describe('historyScan on hand-made history', () => {
  it('takes each venue/symbol\'s latest settlement at or before the scan time, never a later one', () => {
    const pts = [p('okx', 'BTC/USDT:USDT', T0, 0.0001, 8), p('okx', 'BTC/USDT:USDT', T0 + 8 * H, 0.0002, 8), p('okx', 'BTC/USDT:USDT', T0 + 16 * H, 0.0009, 8)];
    const quote = scanAt(pts, T0 + 8 * H).assets[0].quotes[0];
    expect(quote).toMatchObject({ rate: 0.0002, fundingTime: '2024-01-01T08:00:00.000Z' });
    expect(scanAt(pts, T0 - 1).assets).toEqual([]);
  });

  it('a 1-hour rate of 0.0125 % is 0.1 % per 8 h; against an 8-hour 0.02 % the spread is 0.08 % per 8 h, long the 8-hour venue', () => {
    const result = scanAt([p('hyperliquid', 'BTC/USDC:USDC', T0, 0.000125, 1), p('binanceusdm', 'BTC/USDT:USDT', T0, 0.0002, 8)], T0);
    const [asset] = result.assets;
    expect(asset.quotes.map((q) => [q.venue, q.ratePer8h, q.apr])).toEqual([
      ['binanceusdm', 0.0002, 0.0002 * 1095],
      ['hyperliquid', expect.closeTo(0.001, 12), expect.closeTo(1.095, 12)],
    ]);
    expect(asset.best).toEqual({ longVenue: 'binanceusdm', shortVenue: 'hyperliquid', spreadPer8h: expect.closeTo(0.0008, 12), spreadApr: expect.closeTo(0.876, 12) });
  });

  it('groups multiplier symbols with their asset and orders assets as the monitor does: triggered first, single-venue assets last', () => {
    const result = scanAt([
      p('binanceusdm', '1000PEPE/USDT:USDT', T0, 0.0005, 4),
      p('bybit', 'PEPE/USDT:USDT', T0, 0.0001, 8),
      p('okx', 'ETH/USDT:USDT', T0, 0.0001, 8),
      p('gate', 'BTC/USDT:USDT', T0, 0.0001, 8),
      p('bybit', 'BTC/USDT:USDT', T0, 0.0002, 8),
      p('okx', 'SOL/USDT:USDT', T0, 0.0001, 8),
    ], T0 + H);
    expect(result.at).toBe('2024-01-01T01:00:00.000Z');
    expect(result.assets.map((a) => [a.base, a.best?.spreadPer8h ?? null])).toEqual([
      ['PEPE', expect.closeTo(0.0009, 12)],
      ['BTC', expect.closeTo(0.0001, 12)],
      ['ETH', null],
      ['SOL', null],
    ]);
    expect(result.assets[0].quotes.map((q) => q.symbol)).toEqual(['1000PEPE/USDT:USDT', 'PEPE/USDT:USDT']);
    expect(result.assets.map((a) => a.triggered)).toEqual([true, false, false, false]);
  });

  it('names venues the terminal does not trade and symbols that are not unified perpetuals, and leaves them out', () => {
    const warnings: string[] = [];
    const result = scanAt([p('dydx', 'BTC/USD:USD', T0, 0.0001, 1), p('okx', 'BTC-USDT', T0, 0.0001, 8), p('okx', 'BTC/USDT:USDT', T0, 0.0001, 8)], T0, warnings);
    expect(result.assets.map((a) => a.quotes.map((q) => q.venue))).toEqual([['okx']]);
    expect(warnings).toEqual([
      expect.stringMatching(/^scan: dydx: not venues the terminal monitors/),
      'scan: okx BTC-USDT: not a unified perpetual symbol (BASE/QUOTE:SETTLE); left out of the scan',
    ]);
  });

  it('two symbols on one venue make no cross-venue spread', () => {
    const result = scanAt([p('bybit', 'BTC/USDT:USDT', T0, 0.0001, 8), p('bybit', 'BTC/USDC:USDC', T0, 0.0005, 8)], T0);
    expect(result.assets[0].quotes).toHaveLength(2);
    expect(result.assets[0].best).toBeNull();
  });
});

describe('inferIntervals (test-side conversion of the recordings)', () => {
  it('uses the gap since the previous settlement, and across a 3-hour step or a hole the gap to the next', () => {
    // 1-hourly until 04:00, back to 4 h from 07:00 (the 3-h step takes the next gap).
    const times = [0, 1, 2, 3, 4, 7, 11, 15].map((h) => h * H);
    expect(inferIntervals(times)).toEqual([1, 1, 1, 1, 1, 4, 4, 4]);
    expect(inferIntervals([0, 8, 16, 40, 48].map((h) => h * H))).toEqual([8, 8, 8, 8, 8]);
  });
});

describe('historyScan on real data: btc-eth-7venues (dates UTC+3 on binance/bybit/htx/kucoin/mexc, UTC on gate/dydx)', () => {
  const { points, errors } = parseFundingCsv(sevenVenuesCsv('BTC-USDT'), 'BTC-USDT (7 venues)');

  it('the converted recording parses without a bad line', () => {
    expect(errors).toEqual([]);
    expect(points.length).toBeGreaterThan(38_000);
  });

  // Checked by hand at 2023-06-01T00:00:00Z in ../shared/data/btc-eth-7venues/BTC-USDT:
  //   binance line 3743 "2023-06-01 03:00:00.008,0.00002096" (UTC+3 → 00:00Z), 8 h
  //   bybit   line 2645 "2023-06-01 03:00:00,0.0001", htx line 2644 "…03:00:00,0.0001", mexc line 2645 "…03:00:00,2e-05"
  //   kucoin  line 2644 "2023-05-31 23:00:00,0.0001" (→ 20:00Z; kucoin settles 04/12/20 UTC)
  //   gate    line 3650 "2023-06-01 00:00:00,6.6e-05" (UTC)
  //   dydx    line 12386 "2023-06-01 00:00:00,0.0000205807", hourly → 0.000164646 per 8 h
  // htx, mexc and dydx are not venues the terminal monitors: it has no fees or staleness bound
  // for them, so the scan names them and leaves them out. KuCoin Futures is monitored (not traded).
  // Of the rest, highest per 8 h: bybit and kucoin 0.0001; lowest: binance 0.00002096 → spread 0.00007904 per 8 h.
  it('at 2023-06-01T00:00Z BTC shows the hand-checked rates of the terminal\'s venues and long binanceusdm / short bybit', () => {
    const warnings: string[] = [];
    const btc = scanAt(points, Date.UTC(2023, 5, 1), warnings).assets.find((a) => a.base === 'BTC')!;
    expect(warnings).toEqual([expect.stringMatching(/^scan: dydx, htx, mexc: not venues the terminal monitors/)]);
    const byVenue = Object.fromEntries(btc.quotes.map((q) => [q.venue, q]));
    expect(Object.keys(byVenue).sort()).toEqual(['binanceusdm', 'bybit', 'gate', 'kucoinfutures']);
    expect(byVenue.kucoinfutures).toMatchObject({ rate: 0.0001, intervalHours: 8, fundingTime: '2023-05-31T20:00:00.000Z' });
    expect(byVenue.binanceusdm).toMatchObject({ rate: 0.00002096, intervalHours: 8, fundingTime: '2023-06-01T00:00:00.000Z' });
    expect(byVenue.bybit).toMatchObject({ rate: 0.0001, intervalHours: 8, fundingTime: '2023-06-01T00:00:00.000Z' });
    expect(byVenue.gate).toMatchObject({ rate: 0.000066, intervalHours: 8, fundingTime: '2023-06-01T00:00:00.000Z' });
    expect(btc.best).toEqual({ longVenue: 'binanceusdm', shortVenue: 'bybit', spreadPer8h: expect.closeTo(0.00007904, 12), spreadApr: expect.closeTo(0.00007904 * 1095, 10) });
  });
});

describe('historyScan on real data: binance-usdm-2026q1/funding (ms jitter, intervals inferred, changing)', () => {
  const { points, errors } = parseFundingCsv(binanceQ1Csv(), 'binance-usdm-2026q1');

  it('all 539 symbols convert and parse without a bad line', () => {
    expect(errors).toEqual([]);
    expect(new Set(points.map((pt) => pt.symbol)).size).toBe(539);
  });

  // Checked by hand at 2026-03-01T00:00:00Z (1772323200000) in ../shared/data/binance-usdm-2026q1/funding:
  //   BTCUSDT.csv line 144 "1772323200005,BTCUSDT,-0.00000688", previous row 8 h earlier → 8 h
  //   1000PEPEUSDT.csv line 144 "1772323200005,1000PEPEUSDT,-0.00029292", 8 h → base PEPE
  //   ALICEUSDT.csv line 45 "1772323200005,ALICEUSDT,-0.00013587", previous row 1 h earlier
  //     (ALICE runs at 1 h here, 4 h and 8 h elsewhere in the file) → -0.00108696 per 8 h
  it('at 2026-03-01T00:00Z BTC, PEPE (from 1000PEPE) and ALICE (on 1 h) show the hand-checked rates', () => {
    const result = scanAt(points, Date.UTC(2026, 2, 1));
    const asset = (base: string) => result.assets.find((a) => a.base === base)!;
    expect(asset('BTC').quotes).toEqual([expect.objectContaining({ symbol: 'BTC/USDT:USDT', rate: -0.00000688, intervalHours: 8, fundingTime: '2026-03-01T00:00:00.000Z' })]);
    expect(asset('PEPE').quotes).toEqual([expect.objectContaining({ symbol: '1000PEPE/USDT:USDT', rate: -0.00029292, intervalHours: 8 })]);
    expect(asset('ALICE').quotes[0]).toMatchObject({ rate: -0.00013587, intervalHours: 1, ratePer8h: expect.closeTo(-0.00108696, 12), apr: expect.closeTo(-0.00013587 * 8760, 10) });
    // One venue only: no asset has a cross-venue spread.
    expect(result.assets.every((a) => a.best === null)).toBe(true);
  });

  it('ALICE\'s interval changes inside the series and the scan follows it', () => {
    const alice = points.filter((pt) => pt.symbol === 'ALICE/USDT:USDT');
    expect(new Set(alice.map((pt) => pt.intervalHours))).toEqual(new Set([1, 4, 8]));
  });
});
