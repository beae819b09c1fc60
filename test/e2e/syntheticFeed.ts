import { healthBounds } from '../../electron/backend/markets/health.ts';
import type { FundingQuote, VenueHealth } from '../../shared/domain/quotes.ts';
import type { Leg, Opportunity, SignalsBatch } from '../../shared/domain/signals.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../shared/domain/venues.ts';
import { aprFromPer8h, rateApr, ratePer8h } from '../../shared/funding/normalise.ts';
import { regimeOf } from '../../shared/funding/regime.ts';
import { nextSettlementAfter } from '../../shared/funding/settlements.ts';
import { bestSpread } from '../../shared/funding/spread.ts';

/**
 * A deterministic market of `assets` bases across the six venues, for the renderer benchmark:
 * the demo simulator lists a few hundred assets, the benchmark needs the 3,000 rows.
 * Rows are built with the shared normalisation, so the numbers on screen are self-consistent.
 */
export class SyntheticFeed {
  readonly assets: number;
  private seed = 42;
  private readonly rates = new Map<string, number>();
  private readonly listings: Array<{ base: string; venues: VenueId[] }> = [];

  constructor(assets: number) {
    this.assets = assets;
    for (let i = 0; i < assets; i++) {
      const base = `A${i.toString(36).toUpperCase().padStart(3, '0')}`;
      const venues = VENUE_IDS.filter((_, v) => v === 0 || this.random() < 0.7);
      this.listings.push({ base, venues });
      for (const v of venues) this.rates.set(`${base}|${v}`, (this.random() - 0.4) * 0.0008);
    }
  }

  private random(): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }

  /** Moves `count` random rates a little (all of them when `count` ≥ the number of quotes); returns the changed `base|venue` keys. */
  step(count: number): Set<string> {
    const keys = [...this.rates.keys()];
    const touched = new Set<string>();
    const all = count >= keys.length;
    for (let i = 0; i < Math.min(count, keys.length); i++) {
      const key = all ? keys[i] : keys[Math.floor(this.random() * keys.length)];
      this.rates.set(key, this.rates.get(key)! + (this.random() - 0.5) * 0.00002);
      touched.add(key);
    }
    return touched;
  }

  /** Quotes of the given `base|venue` keys (all when omitted). */
  quotes(now: number, keys?: ReadonlySet<string>): FundingQuote[] {
    const out: FundingQuote[] = [];
    for (const { base, venues } of this.listings) {
      for (const venue of venues) {
        if (keys && !keys.has(`${base}|${venue}`)) continue;
        const intervalHours = VENUES[venue].defaultIntervalHours;
        out.push({
          venue, symbol: `${base}/USDT:USDT`, base, multiplier: 1, rate: this.rates.get(`${base}|${venue}`)!, rateKind: 'predicted',
          lastSettledRate: null, intervalHours, nextFundingTime: nextSettlementAfter(now, intervalHours), markPrice: 1, indexPrice: 1,
          volume24hUsd: 1e6, openInterestUsd: 1e6, observedAt: now,
        });
      }
    }
    return out;
  }

  private row(base: string, venues: VenueId[], now: number, rank: number): Opportunity {
    const legs: Leg[] = venues.map((venue) => {
      const intervalHours = VENUES[venue].defaultIntervalHours;
      const rate = this.rates.get(`${base}|${venue}`)!;
      return {
        venue, symbol: `${base}/USDT:USDT`, rate, rateKind: 'predicted', intervalHours, ratePer8h: ratePer8h(rate, intervalHours),
        apr: rateApr(rate, intervalHours), nextFundingTime: nextSettlementAfter(now, intervalHours), markPrice: 1, stale: false, observedAt: now,
      };
    });
    const best = bestSpread(legs);
    const mean = legs.reduce((s, l) => s + l.ratePer8h, 0) / legs.length;
    const fees = 0.002;
    return {
      base, legs, longVenue: best?.longVenue ?? null, shortVenue: best?.shortVenue ?? null, spreadPer8h: best?.spreadPer8h ?? null,
      spreadApr: best ? aprFromPer8h(best.spreadPer8h) : null, roundTripFees: fees, netCarryPerDay: best ? best.spreadPer8h * 3 - fees / 3 : null,
      breakEvenHours: best && best.spreadPer8h > 0 ? (fees / best.spreadPer8h) * 8 : null, meanPer8h: mean, regime: regimeOf(mean),
      velocity: { h1: null, h4: null, h24: null }, persistenceHours: 0, triggered: (best?.spreadPer8h ?? 0) >= 0.0006,
      nextFundingTime: Math.min(...legs.map((l) => l.nextFundingTime!)), alignment: null, rank,
    };
  }

  /** A full batch of every row, or an incremental one upserting the rows holding the changed `base|venue` keys. */
  signals(now: number, keys?: ReadonlySet<string>): SignalsBatch {
    const full = keys === undefined;
    const bases = new Set([...(keys ?? [])].map((k) => k.slice(0, k.indexOf('|'))));
    const upserts = this.listings.flatMap((l, i) => (full || bases.has(l.base) ? [this.row(l.base, l.venues, now, i + 1)] : []));
    return { full, upserts, removed: [], summary: { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: this.listings.length, triggered: upserts.filter((r) => r.triggered).length, computedAt: now, computeMs: 1 } };
  }

  health(now: number): VenueHealth[] {
    return VENUE_IDS.map((venue) => ({
      venue, status: 'ok', lastSuccessAt: now, lastAttemptAt: now, latencyMs: 40, consecutiveErrors: 0, errorCount: 0, lastError: null,
      symbols: this.listings.filter((l) => l.venues.includes(venue)).length, stale: false,
      bounds: healthBounds({ pollMs: VENUES[venue].pollMs, scale: 1 }),
    }));
  }
}
