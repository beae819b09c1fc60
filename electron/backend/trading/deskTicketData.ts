/**
 * What the ticket service reads besides quotes and books, gathered for the desk: balances from
 * the mode's broker, alignment from the engine's latest rows, the current arbitrage exposure
 * from the ledger (read at the moment of each preview and submit), and a symbol's recent settled
 * rates from the store (funding history, else the sampled live quotes) for the rate-chasing check.
 */
import type { LegIntent } from '../../../shared/domain/orders.ts';
import type { FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import { realisedVolatility, type RealisedVolatility } from '../../../shared/risk/volatility.ts';
import type { SignalsBatch } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { AlignmentTag } from '../../../shared/domain/sectors.ts';
import type { Store } from '../store/duckdb.ts';
import type { Broker } from './brokers/broker.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, positionKey, type PairRecord } from './ledgerFold.ts';
import { averageEntry } from './positions.ts';
import { journalOf } from './journal.ts';

/** How far back the rate-chasing check looks for a symbol's typical rate. */
const RECENT_WINDOW_MS = 14 * 86_400_000;
const MARGIN_CURRENCIES = new Set(['USDT', 'USDC']);
/** How far back a leg's realised volatility looks (180 4-h closes). */
const VOLATILITY_WINDOW_MS = 30 * 86_400_000;

function longestSeries(points: readonly PricePoint[]): PricePoint[] {
  const bySeries = new Map<string, PricePoint[]>();
  for (const p of points) {
    const key = `${p.venue}|${p.symbol}`;
    const list = bySeries.get(key);
    if (list) list.push(p);
    else bySeries.set(key, [p]);
  }
  return [...bySeries.values()].reduce<PricePoint[]>((best, s) => (s.length > best.length ? s : best), []);
}

export async function brokerBalance(broker: Broker): Promise<{ equity: number; free: number }> {
  const margin = (await broker.balances()).filter((balance) => MARGIN_CURRENCIES.has(balance.currency));
  return { equity: margin.reduce((sum, b) => sum + b.total, 0), free: margin.reduce((sum, b) => sum + b.free, 0) };
}

/** The engine's verdict on a base; neutral when the engine has no row or no sector map yet. */
export function alignmentFromRows(latest: SignalsBatch, base: string): { tag: AlignmentTag; reason: string } {
  const row = latest.upserts.find((r) => r.base === base);
  return row?.alignment ? { tag: row.alignment.tag, reason: row.alignment.reason } : { tag: 'neutral', reason: `no sector signal for ${base} yet` };
}

/** A leg's mark when no quote gives one: the average price of its opening fills. */
function openingPrice(record: Readonly<PairRecord>, leg: LegIntent): number {
  return averageEntry(record.orders.filter((o) => o.venue === leg.venue && o.symbol === leg.symbol), leg.side);
}

/** Arbitrage notional (USD) held: one leg per live pair, the larger of its legs at the quote's mark. */
export function exposureOf(ledger: Ledger, quotes: readonly FundingQuote[]): number {
  const marks = new Map(quotes.map((q) => [positionKey(q.venue, q.symbol), q.markPrice]));
  return ledger.pairs().filter((pair) => pair.status !== 'closed' && pair.status !== 'failed').reduce((sum, pair) => {
    const sizes = legSizes(pair);
    const legs = pair.legs.map((leg, i) => Math.abs(sizes[i]) * (marks.get(positionKey(leg.venue, leg.symbol)) ?? openingPrice(pair, leg)));
    return sum + Math.max(0, ...legs);
  }, 0);
}

export interface TicketData {
  exposure(): number;
  recentRates(venue: VenueId, symbol: string): Promise<number[]>;
  recentVolatility(venue: VenueId, symbol: string): Promise<RealisedVolatility | null>;
}

export function createTicketData(store: Store, quotes: () => readonly FundingQuote[], now: () => number): TicketData {
  /** Settled rates of one symbol, each rescaled to the symbol's current interval. */
  async function recentRates(venue: VenueId, symbol: string): Promise<number[]> {
    const quote = quotes().find((q) => q.venue === venue && q.symbol === symbol);
    const interval = quote?.intervalHours ?? 8;
    const range = { base: quote?.base ?? symbol.split('/')[0], from: now() - RECENT_WINDOW_MS, to: now() };
    const settled = (await store.history.funding(range)).filter((p) => p.venue === venue && p.symbol === symbol);
    if (settled.length > 0) return settled.map((p) => (p.rate * interval) / p.intervalHours);
    const sampled = (await store.quoteSamples.samples(range)).filter((q) => q.venue === venue && q.symbol === symbol);
    return sampled.flatMap((q) => (q.lastSettledRate === null ? [] : [(q.lastSettledRate * interval) / q.intervalHours]));
  }

  /**
   * The leg's own stored closes over the window; where the store has none for that venue, the
   * asset's longest stored series elsewhere (one asset's price moves alike across venues).
   */
  async function recentVolatility(venue: VenueId, symbol: string): Promise<RealisedVolatility | null> {
    const base = quotes().find((q) => q.venue === venue && q.symbol === symbol)?.base ?? symbol.split('/')[0];
    const points = await store.history.prices({ base, from: now() - VOLATILITY_WINDOW_MS, to: now() });
    const own = points.filter((p) => p.venue === venue && p.symbol === symbol);
    const series = own.length > 0 ? own : longestSeries(points);
    series.sort((a, b) => a.time - b.time);
    return realisedVolatility(series.map((p) => p.time), series.map((p) => p.close));
  }

  return { exposure: () => exposureOf(journalOf(store).ledger, quotes()), recentRates, recentVolatility };
}
