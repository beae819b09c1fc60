/**
 * `backtest` on a real slice: BTC funding on Binance, Bybit and Gate, traded 10–20 April 2021
 * with the month before as the history the spread-decay fits read, from
 * ../shared/data/btc-eth-7venues (converted at run time). The data set records no prices, so
 * the price files are generated here: every venue at 60,000 USD per BTC, each 4-h close known at
 * the candle's end. With one flat price the price PnL of a pair is what its fills paid against
 * the mark, and the funding is the recorded rates × 0.166 BTC × 60,000 — which is what lets the
 * two trades below be checked by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { BacktestReportSchema, type BacktestReport, type BacktestTrade } from '../../../shared/domain/backtest.ts';
import { flatPrices, fundingSlice, FROM } from '../../fixtures/backtestSlice.ts';

const dir = mkdtempSync(join(tmpdir(), 'ft-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('backtest on recorded BTC funding, three venues', () => {
  let report: BacktestReport;
  let progress: string;
  beforeAll(async () => {
    const run = await cli('backtest', '--history', file('funding.csv', fundingSlice()), '--prices', file('prices.csv', flatPrices()), '--from', FROM, '--json');
    expect(run.code, run.err).toBe(0);
    report = BacktestReportSchema.parse(JSON.parse(run.out));
    progress = run.err;
  }, 120_000);

  const openedAt = (iso: string): BacktestTrade => report.trades.find((t) => t.openedAt === Date.parse(iso))!;

  it('reports progress on stderr and the run on stdout', () => {
    expect(progress).toMatch(/backtest: \d+\/\d+ steps, at 2021-04-/);
    expect(report.period.from).toBe(Date.parse(FROM));
    expect(report.series.used).toBe(3);
    expect(report.trades.length).toBeGreaterThanOrEqual(2);
  });

  it('the pair opened 11 April 08:00, long Gate / short Bybit, reproduces by hand', () => {
    const t = openedAt('2021-04-11T08:00:00Z');
    expect([t.long.venue, t.short.venue, t.closedAt, t.exit]).toEqual(['gate', 'bybit', Date.parse('2021-04-11T16:00:00Z'), 'take-profit']);
    // Entry on the 08:00 settled rates: Bybit 0.0015018 − Gate 0.000111 = 0.0013908 per 8 h.
    expect(t.spreadAtEntryPer8h).toBeCloseTo(0.0013908, 12);
    // 10 000 USD at 60 000 = 0.16667 BTC, down to the 0.001 lot: 0.166 BTC, 9 960 USD a leg.
    expect(t.quantity).toBeCloseTo(0.166, 9);
    // One settlement, 16:00: the short (Bybit) receives, the long (Gate) pays, 9 960 × rate:
    // 9960 × (0.00082597 − 0.001197) = 9960 × −0.00037103 = −3.6954588. The spread is now
    // negative: the take-profit at 0 closes the pair at once.
    expect(t.settlements).toBe(1);
    expect(t.fundingUsd).toBeCloseTo(-3.6954588, 6);
    // Four fills, each crossing the simulator's half-spread of 3 USD (0.5 bp of 60 000):
    // price PnL = −4 × 0.166 × 3 = −1.992, all of it slippage.
    expect(t.slippageUsd).toBeCloseTo(1.992, 6);
    expect(t.pricePnlUsd).toBeCloseTo(-1.992, 6);
    // Taker fees, default schedule: Bybit 0.055 %, Gate 0.05 %, on open and close:
    // 0.166 × (59997 + 60003) × 0.00055 + 0.166 × (60003 + 59997) × 0.0005 = 10.956 + 9.96 = 20.916
    expect(t.feesUsd).toBeCloseTo(20.916, 6);
    // Net = −3.6954588 − 1.992 − 20.916 = −26.6034588
    expect(t.netUsd).toBeCloseTo(-26.6034588, 6);
    expect(t.realisedOverExpected).toBeCloseTo(t.fundingUsd / t.expectedFundingUsd, 12);
  });

  it('the pair opened 13 April 08:00, long Gate / short Bybit, held to its 72 h maximum, reproduces by hand', () => {
    const t = openedAt('2021-04-13T08:00:00Z');
    expect([t.long.venue, t.short.venue, t.closedAt, t.exit]).toEqual(['gate', 'bybit', Date.parse('2021-04-16T08:00:00Z'), 'max-holding']);
    // Bybit − Gate at each of the 9 settlements from 13 Apr 16:00 to 16 Apr 08:00:
    // 0.00070132−0.000378 + 0.00084073−0.0001 + 0.00092534−0.0001 + 0.00130419−0.0001
    // + 0.00240831−0.000399 + 0.00215008−0.0003 + 0.00086139−0.000428 + 0.00104972−0.00069
    // + 0.00130503−0.0002 = 0.00885111; × 9960 = 88.1570556
    expect(t.settlements).toBe(9);
    expect(t.fundingUsd).toBeCloseTo(88.1570556, 6);
    // Fees: Gate 0.05 %, Bybit 0.055 %, same fills as above: 20.916; slippage 1.992.
    expect(t.feesUsd).toBeCloseTo(20.916, 6);
    expect(t.slippageUsd).toBeCloseTo(1.992, 6);
    // Net = 88.1570556 − 1.992 − 20.916 = 65.2490556
    expect(t.netUsd).toBeCloseTo(65.2490556, 6);
    // Held constant, the entry spread would have promised 9 × 9960 × (0.00129501 − 0.000384)
    // = 81.6629364; the ticket's expectation decays the spread as fitted on the month before,
    // so it promises less than that (and here less than was paid).
    expect(t.expectedFundingUsd).toBeGreaterThan(0);
    expect(t.expectedFundingUsd).toBeLessThan(81.6629364);
  });

  it('totals are the sums of the trades, with hit rate and drawdown', () => {
    const sum = (pick: (t: BacktestTrade) => number) => report.trades.reduce((s, t) => s + pick(t), 0);
    const { totals } = report;
    expect(totals.trades).toBe(report.trades.length);
    expect(totals.netUsd).toBeCloseTo(sum((t) => t.netUsd), 9);
    expect(totals.netUsd).toBeCloseTo(totals.fundingUsd + totals.pricePnlUsd - totals.feesUsd, 9);
    expect(totals.hitRate).toBeCloseTo(report.trades.filter((t) => t.netUsd > 0).length / report.trades.length, 12);
    // The 11 April pair lost first: the drawdown is at least its loss.
    expect(totals.maxDrawdownUsd).toBeGreaterThanOrEqual(-openedAt('2021-04-11T08:00:00Z').netUsd - 1e-9);
  });
});

describe('backtest refuses bad input with file and line, exit 2', () => {
  const prices = () => file('ok-prices.csv', flatPrices());

  it('a bad funding line', async () => {
    const bad = file('bad-funding.csv', 'venue,symbol,time,rate,interval_hours\nbybit,BTC/USDT:USDT,2021-04-10T08:00:00Z,0.0001,8\nbybit,BTC/USDT:USDT,2021-04-10 16:00,0.0002,8\n');
    const run = await cli('backtest', '--history', bad, '--prices', prices());
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${bad}:3: time "2021-04-10 16:00" has no time zone`);
    expect(run.out).toBe('');
  });

  it('a bad price line', async () => {
    const bad = file('bad-prices.csv', 'venue,symbol,time,close\nbybit,BTC/USDT:USDT,2021-04-10T08:00:00Z,-5\n');
    const run = await cli('backtest', '--history', file('f.csv', fundingSlice()), '--prices', bad);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${bad}:2: close "-5" is not a positive number`);
  });

  it('history on venues the terminal does not trade', async () => {
    const dydx = file('dydx.csv', 'venue,symbol,time,rate,interval_hours\ndydx,BTC/USD:USD,2021-04-10T08:00:00Z,0.0001,1\n');
    const run = await cli('backtest', '--history', dydx, '--prices', prices());
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no series has both funding and prices on a venue the terminal trades/);
  });

  it('an unknown exit and a missing file', async () => {
    const exits = await cli('backtest', '--history', 'x.csv', '--prices', 'y.csv', '--exits', 'trailing=1');
    expect([exits.code, exits.err.trim()]).toEqual([2, 'backtest: --exits: "trailing" is not an exit; use basis-stop=S, take-profit=T, max-loss=USD']);
    const missing = await cli('backtest', '--history', join(dir, 'nowhere.csv'), '--prices', prices());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('backtest: cannot read');
  });
});
