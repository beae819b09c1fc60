/**
 * The monitor's expected net and the ticket's count the same costs both ways
 * (shared/risk/roundTrip.ts, docs/domain.md §4 "Costs both ways"): for one pair, one size the
 * touch fills and one holding period, the row's Exp. net and the preview's expected net agree.
 *
 * Real recorded inputs: BTC's last settled rates on Binance and Bybit of 2023 from
 * ../shared/data/btc-eth-7venues (long Binance, short Bybit: Bybit paid more), and Bybit's BTC
 * ticker as ccxt recorded it (mark, best bid and ask with their sizes). The data holds no Binance
 * touch of the same moment: its leg is quoted at Bybit's recorded index with one Binance tick
 * (0.1) of spread, derived here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { buildPreview } from '../../../shared/risk/preview.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';
import { sevenVenuesCsv } from '../history/realFundingData.ts';
import { inputs, market, ticket } from './ticketFixture.ts';

const NOW = Date.UTC(2026, 2, 4, 10, 20);
const HOLDING_DAYS = DEFAULT_SETTINGS.holdingDays;

/** The last settlement both venues recorded, and each venue's rate at it. */
function lastCommonRates(): { binanceusdm: number; bybit: number } {
  const rows = sevenVenuesCsv('BTC-USDT').trim().split('\n').slice(1).map((line) => line.split(','));
  const byVenue = (venue: string) => new Map(rows.filter((r) => r[0] === venue).map((r) => [r[2], Number(r[3])]));
  const [binance, bybit] = [byVenue('binanceusdm'), byVenue('bybit')];
  const time = [...binance.keys()].filter((t) => bybit.has(t)).sort().at(-1)!;
  return { binanceusdm: binance.get(time)!, bybit: bybit.get(time)! };
}

const recordedBybit = JSON.parse(readFileSync(new URL('../../fixtures/venues/bybit/fetchFundingRates.json', import.meta.url), 'utf8')).response.result.list[0] as Record<string, string>;
const rates = lastCommonRates();

function quote(venue: 'binanceusdm' | 'bybit', rate: number, prices: { mark: number; bid: number; ask: number }): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours: 8,
    nextFundingTime: Date.UTC(2026, 2, 4, 16), markPrice: prices.mark, indexPrice: prices.mark, bid: prices.bid, ask: prices.ask,
    volume24hUsd: null, openInterestUsd: null, observedAt: NOW - 1_000,
  };
}

const index = Number(recordedBybit.indexPrice);
const long = quote('binanceusdm', rates.binanceusdm, { mark: index, bid: index - 0.05, ask: index + 0.05 });
const short = quote('bybit', rates.bybit, { mark: Number(recordedBybit.markPrice), bid: Number(recordedBybit.bid1Price), ask: Number(recordedBybit.ask1Price) });

/** Each side's best level at the quote's touch with the recorded size, then levels a tick apart behind it. */
function bookAt(q: FundingQuote, bestSize: { bid: number; ask: number }) {
  const levels = (from: number, step: number, size: number) => [[from, size], ...Array.from({ length: 20 }, (_, i) => [from + step * (i + 1), 5])] as Array<[number, number]>;
  return { bids: levels(q.bid!, -0.1, bestSize.bid), asks: levels(q.ask!, 0.1, bestSize.ask) };
}

function monitorRow() {
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.setDecays(new Map([['BTC|binanceusdm|bybit', { ...CONSTANT_SPREAD, source: 'fit' as const, n: 90 }]]), NOW);
  return engine.apply([long, short], NOW).batch.upserts.find((row) => row.base === 'BTC')!;
}

function ticketPreview(quantity: number) {
  return buildPreview(inputs({
    now: NOW,
    ticket: ticket({ quantity, maxHoldingHours: HOLDING_DAYS * 24 }),
    markets: [
      market(long, { book: bookAt(long, { bid: 8, ask: 8 }) }),
      market(short, { book: bookAt(short, { bid: Number(recordedBybit.bid1Size), ask: Number(recordedBybit.ask1Size) }) }),
    ],
    decay: CONSTANT_SPREAD,
  }));
}

describe('the monitor row and the ticket preview agree on the expected net', () => {
  const row = monitorRow();
  const ratio = short.markPrice! / long.markPrice!;
  const markGap = Math.max(ratio, 1 / ratio) - 1;

  it('for a size the touch fills (0.5 BTC), over the default holding period', () => {
    expect([row.longVenue, row.shortVenue]).toEqual(['binanceusdm', 'bybit']);
    const preview = ticketPreview(0.5);
    const notional = preview.notionalUsd;
    const carry = row.carry!;
    expect(preview.costs.slippageUsd + preview.costs.exitSlippageUsd).toBe(0);
    // The ticket trades one quantity on both legs and states its figures per the long's notional;
    // the row counts each leg on one unit of its own. So the short's part (its funding and costs)
    // differs by the legs' mark gap (here |51,444.40 / 51,469.95 − 1| ≈ 0.05 %), and by no more.
    const within = (monitor: number, ticketUsd: number, grossUsd: number) =>
      expect(Math.abs(monitor - ticketUsd / notional)).toBeLessThanOrEqual((grossUsd / notional) * markGap + 1e-12);
    within(carry.fees, preview.costs.feesUsd, preview.costs.feesUsd);
    within(carry.crossing, preview.costs.crossingUsd, preview.costs.crossingUsd);
    within(carry.entryBasis, preview.costs.basisUsd, preview.costs.basisUsd);
    const grossFunding = preview.legs.reduce((sum, leg) => sum + Math.abs(leg.expectedFundingUsd), 0);
    within(carry.expectedFunding, preview.expectedFundingUsd, grossFunding);
    within(carry.net, preview.netUsd, grossFunding + preview.costs.totalUsd);
    within(row.expectedNetPerDay! * HOLDING_DAYS, preview.netUsd, grossFunding + preview.costs.totalUsd);
    expect(carry.crossing).toBeGreaterThan(0);
    expect(carry.defaultSpreadLegs).toEqual([]);
  });

  it('at a size beyond the touch the ticket counts the slippage the monitor cannot see, and only that', () => {
    const preview = ticketPreview(60);
    const beyond = (preview.costs.slippageUsd + preview.costs.exitSlippageUsd) / preview.notionalUsd;
    expect(beyond).toBeGreaterThan(0);
    const gross = preview.legs.reduce((sum, leg) => sum + Math.abs(leg.expectedFundingUsd), 0) + preview.costs.totalUsd;
    expect(Math.abs(row.carry!.net - beyond - preview.netUsd / preview.notionalUsd)).toBeLessThanOrEqual((gross / preview.notionalUsd) * markGap + 1e-12);
  });
});
