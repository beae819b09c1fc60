/**
 * What the ticket service reads besides quotes and books, gathered for the desk: balances from
 * the mode's broker, alignment from the engine's latest rows, the current arbitrage exposure
 * from the position book, and a symbol's recent settled rates from the store (funding history,
 * else the sampled live quotes) for the rate-chasing check. The service reads exposure and
 * rates synchronously, so `prepare` loads them for a ticket before each preview.
 */
import type { Pair } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { SignalsBatch } from '../../../shared/domain/signals.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { AlignmentTag } from '../../engine/alignment.ts';
import type { Store } from '../store/duckdb.ts';
import type { Broker } from './brokers/broker.ts';

/** How far back the rate-chasing check looks for a symbol's typical rate. */
const RECENT_WINDOW_MS = 14 * 86_400_000;
const MARGIN_CURRENCIES = new Set(['USDT', 'USDC']);

export async function brokerBalance(broker: Broker): Promise<{ equity: number; free: number }> {
  const margin = (await broker.balances()).filter((balance) => MARGIN_CURRENCIES.has(balance.currency));
  return { equity: margin.reduce((sum, b) => sum + b.total, 0), free: margin.reduce((sum, b) => sum + b.free, 0) };
}

/** The engine's verdict on a base; neutral when the engine has no row or no sector map yet. */
export function alignmentFromRows(latest: SignalsBatch, base: string): { tag: AlignmentTag; reason: string } {
  const row = latest.upserts.find((r) => r.base === base);
  return row?.alignment ? { tag: row.alignment.tag, reason: row.alignment.reason } : { tag: 'neutral', reason: `no sector signal for ${base} yet` };
}

/** Arbitrage notional (USD) held: one leg per live pair, the larger of its legs at mark. */
export function exposureOf(pairs: readonly Pair[]): number {
  return pairs.filter((pair) => pair.status !== 'closed' && pair.status !== 'failed')
    .reduce((sum, pair) => sum + Math.max(0, ...pair.legs.map((leg) => Math.abs(leg.size) * leg.markPrice)), 0);
}

export interface TicketData {
  prepare(ticket: Ticket, pairs: () => Promise<Pair[]>): Promise<void>;
  exposure(): number;
  recentRates(venue: VenueId, symbol: string): readonly number[];
}

export function createTicketData(store: Store, quotes: () => readonly FundingQuote[], now: () => number): TicketData {
  let exposure = 0;
  const rates = new Map<string, number[]>();

  /** Settled rates of one symbol, each rescaled to the symbol's current interval. */
  async function load(base: string, venue: VenueId, symbol: string): Promise<number[]> {
    const interval = quotes().find((q) => q.venue === venue && q.symbol === symbol)?.intervalHours ?? 8;
    const range = { base, from: now() - RECENT_WINDOW_MS, to: now() };
    const settled = (await store.history.funding(range)).filter((p) => p.venue === venue && p.symbol === symbol);
    if (settled.length > 0) return settled.map((p) => (p.rate * interval) / p.intervalHours);
    const sampled = (await store.quoteSamples.samples(range)).filter((q) => q.venue === venue && q.symbol === symbol);
    return sampled.flatMap((q) => (q.lastSettledRate === null ? [] : [(q.lastSettledRate * interval) / q.intervalHours]));
  }

  return {
    async prepare(ticket, pairs) {
      exposure = exposureOf(await pairs());
      for (const leg of ticket.legs) {
        if (leg.instrument === 'perp') rates.set(`${leg.venue} ${leg.symbol}`, await load(ticket.base, leg.venue, leg.symbol));
      }
    },
    exposure: () => exposure,
    recentRates: (venue, symbol) => rates.get(`${venue} ${symbol}`) ?? [],
  };
}
