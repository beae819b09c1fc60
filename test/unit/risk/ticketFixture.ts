/** Small, hand-checkable inputs for the ticket preview and the checklist. */
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, TicketSchema, type Ticket, type TicketInput } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { LegMarket, PreviewInputs } from '../../../shared/risk/preview.ts';
import { marketUnits } from '../../../shared/domain/units.ts';

/** 10:20 UTC: 8-h legs settle next at 16:00, 1-h legs at 11:00. */
export const NOW = Date.UTC(2026, 2, 4, 10, 20);
export const HOUR = 3_600_000;

export function quote(venue: VenueId, rate: number, overrides: Partial<FundingQuote> = {}): FundingQuote {
  const intervalHours = overrides.intervalHours ?? 8;
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours,
    nextFundingTime: Math.floor(NOW / (intervalHours * HOUR)) * intervalHours * HOUR + intervalHours * HOUR,
    markPrice: 40_000, indexPrice: 40_000, volume24hUsd: 1e9, openInterestUsd: 1e9, observedAt: NOW - 1_000, ...overrides,
  };
}

/** A book around 40,000 with `levels` levels of 1 BTC each side, 1 dollar apart. */
export function book(levels = 50, mid = 40_000): LegMarket['book'] {
  const bids: Array<[number, number]> = [];
  const asks: Array<[number, number]> = [];
  for (let i = 0; i < levels; i++) {
    bids.push([mid - 0.5 - i, 1]);
    asks.push([mid + 0.5 + i, 1]);
  }
  return { bids, asks };
}

export function ticket(overrides: Partial<TicketInput> = {}): Ticket {
  return TicketSchema.parse({
    ticketId: 't-1', kind: 'perp-perp', base: 'BTC',
    legs: [
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' },
      { venue: 'bybit', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' },
    ],
    quantity: 1, leverage: 5, basisStopPct: 0.01, takeProfitSpreadPer8h: 0.0001, maxHoldingHours: 72,
    ...overrides,
  });
}

export function market(q: FundingQuote | null, extra: Partial<LegMarket> = {}): LegMarket {
  return { quote: q, book: book(), units: marketUnits(q?.base ?? 'BTC'), tiers: null, maxLeverage: null, recentMeanAbsPer8h: null, ...extra };
}

/**
 * $200,000 on each venue, long Binance at +0.01 %/8 h, short Bybit at +0.05 %/8 h: 1 BTC at
 * 40,000 collects 0.04 % × 40,000 = $16 per 8 h.
 */
export function inputs(overrides: Partial<PreviewInputs> = {}): PreviewInputs {
  return {
    ticket: ticket(), now: NOW, engine: DEFAULT_SETTINGS, risk: DEFAULT_RISK_SETTINGS,
    markets: [market(quote('binanceusdm', 0.0001)), market(quote('bybit', 0.0005))],
    balances: new Map([['binanceusdm', { equity: 200_000, free: 200_000 }], ['bybit', { equity: 200_000, free: 200_000 }]]),
    currentExposureUsd: 0, alignment: { tag: 'neutral', reason: 'BTC shows no rotation signal.' }, decay: CONSTANT_SPREAD,
    ...overrides,
  };
}
