/**
 * Ticket preview recompute (target ≤ 5 ms with order books of 500 levels per side): the pure
 * preview main runs at every preview and again at submit, on a perp/perp pair whose legs settle
 * every 8 h and every hour, with a quantity (20 BTC) that walks about 340 of the 500 levels. The baseline is the
 * straightforward way, measured in the same run: book levels copied into objects and re-sorted
 * per call, and break-even found by stepping hour by hour and re-deriving each leg's
 * settlements (quadratic in the horizon), as a first implementation would.
 */
import { CONSTANT_SPREAD } from '../fixtures/spreadDecay.ts';
import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, TicketSchema } from '../../shared/domain/ticket.ts';
import { buildPreview, type LegMarket, type PreviewInputs } from '../../shared/risk/preview.ts';
import { marketUnits } from '../../shared/domain/units.ts';
import { percentile, timeRuns } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const LEVELS = 500;
const RUNS = 400;
const WARMUP = 50;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 4, 10, 20);

function book(mid: number, seed: number): LegMarket['book'] {
  const bids: Array<[number, number]> = [];
  const asks: Array<[number, number]> = [];
  for (let i = 0; i < LEVELS; i++) {
    const size = 0.01 + ((i * 7919 + seed) % 97) / 1000;
    bids.push([mid - 0.5 - i * 0.5, size]);
    asks.push([mid + 0.5 + i * 0.5, size]);
  }
  return { bids, asks };
}

function quote(venue: FundingQuote['venue'], rate: number, intervalHours: number): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours,
    nextFundingTime: Math.floor(NOW / (intervalHours * HOUR)) * intervalHours * HOUR + intervalHours * HOUR,
    markPrice: 40_000, indexPrice: 40_000, volume24hUsd: 1e9, openInterestUsd: 1e9, observedAt: NOW,
  };
}

function inputsAt(i: number): PreviewInputs {
  const tiers = [{ floor: 0, cap: 50_000, maintenanceMarginRate: 0.004, maxLeverage: 125 }, { floor: 50_000, cap: 1e12, maintenanceMarginRate: 0.005, maxLeverage: 100 }];
  return {
    ticket: TicketSchema.parse({
      ticketId: `b${i}`, kind: 'perp-perp', base: 'BTC', quantity: 20, leverage: 5, basisStopPct: 0.02, takeProfitSpreadPer8h: 0.0001, maxHoldingHours: 24 * 14,
      legs: [{ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' }, { venue: 'hyperliquid', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' }],
    }),
    now: NOW + i * 1_000, engine: DEFAULT_SETTINGS, risk: DEFAULT_RISK_SETTINGS, decay: CONSTANT_SPREAD,
    markets: [
      { quote: quote('binanceusdm', 0.0001, 8), book: book(40_000, i), units: marketUnits('BTC'), tiers, maxLeverage: 125, recentMeanAbsPer8h: 0.0001 },
      { quote: quote('hyperliquid', 0.00004, 1), book: book(40_001, i + 1), units: marketUnits('BTC'), tiers: null, maxLeverage: 40, recentMeanAbsPer8h: 0.0002 },
    ],
    balances: new Map([['binanceusdm', { equity: 2e6, free: 2e6 }], ['hyperliquid', { equity: 2e6, free: 2e6 }]]),
    currentExposureUsd: 0, alignment: { tag: 'neutral', reason: 'bench' },
  };
}

/** The straightforward slippage and break-even a first implementation would write. */
function naivePreview(inputs: PreviewInputs): { slippage: number; breakEvenHours: number | null } {
  const quantity = inputs.ticket.quantity!;
  let slippage = 0;
  inputs.ticket.legs.forEach((leg, i) => {
    const side = leg.side === 'buy' ? inputs.markets[i].book.asks : inputs.markets[i].book.bids;
    const levels = side.map(([price, size]) => ({ price, size })).sort((a, b) => (leg.side === 'buy' ? a.price - b.price : b.price - a.price));
    let left = quantity;
    for (const level of levels) {
      const take = Math.min(left, level.size);
      slippage += take * Math.abs(level.price - levels[0].price);
      left -= take;
      if (left <= 0) break;
    }
  });
  const cost = slippage + 2 * quantity * 40_000 * 0.00095;
  let collected = 0;
  for (let h = 1; h <= 30 * 24; h++) {
    const t = Math.floor(inputs.now / HOUR) * HOUR + h * HOUR;
    inputs.ticket.legs.forEach((leg, i) => {
      const q = inputs.markets[i].quote!;
      const schedule = Array.from({ length: 30 * 24 }, (_, k) => q.nextFundingTime! + k * q.intervalHours * HOUR);
      if (schedule.includes(t)) collected += (leg.side === 'sell' ? 1 : -1) * quantity * q.markPrice! * q.rate!;
    });
    if (collected >= cost) return { slippage, breakEvenHours: (t - inputs.now) / HOUR };
  }
  return { slippage, breakEvenHours: null };
}

export async function run(): Promise<BenchResult[]> {
  const check = buildPreview(inputsAt(0));
  if (!check.legs.every((leg) => leg.slippageUsd > 0 && leg.bookComplete)) throw new Error('ticket bench: the quantity does not walk the books');
  const fast = timeRuns(RUNS, WARMUP, inputsAt, (input) => buildPreview(input));
  const naive = timeRuns(RUNS, WARMUP, inputsAt, (input) => naivePreview(input));
  return [
    { name: 'ticket preview recompute, 2 × 500-level books, 8-h + 1-h legs, median', value: percentile(fast, 50), unit: 'ms', baseline: percentile(naive, 50), target: '≤ 5 ms' },
    { name: 'ticket preview recompute, p99', value: percentile(fast, 99), unit: 'ms', baseline: percentile(naive, 99), target: '≤ 5 ms' },
  ];
}
