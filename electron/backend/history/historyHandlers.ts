import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { MarketData } from '../markets/marketData.ts';
import type { Store } from '../store/duckdb.ts';
import { importFundingCsv } from '../store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../markets/knownVenues.ts';
import { backfillFunding } from '../store/backfill.ts';
import type { Logger } from '../log/logger.ts';

type HistoryRequest = 'history.funding' | 'history.backfill' | 'history.importCsv' | 'history.accrual';

/**
 * Funding and price history for the symbol view: read from the store, backfilled on demand
 * through the venues, or imported from the funding CSV format.
 */
/** The venues' history reads (the market-data worker answers them). */
export interface MarketHistory extends Pick<MarketData, 'fundingHistory' | 'priceHistory'> {
  symbolsFor(base: string): Promise<Array<{ venue: VenueId; symbol: string }>>;
}

export function createHistoryHandlers(deps: { store: Store; market: MarketHistory; log: Logger; now: () => number }): Pick<Handlers, HistoryRequest> {
  const { store, market, log, now } = deps;

  /** Mark-price history for the charts; a venue that fails is skipped, not fatal. */
  async function backfillPrices(targets: Array<{ venue: VenueId; symbol: string }>, days: number): Promise<void> {
    const since = now() - days * 86_400_000;
    for (const target of targets) {
      try {
        await store.history.insertPrices(await market.priceHistory(target.venue, target.symbol, since, '4h'));
      } catch (err) {
        log.warn('prices not backfilled', { venue: target.venue, symbol: target.symbol, error: err });
      }
    }
  }

  return {
    'history.funding': async ({ base, from, to }) => ({
      funding: await store.history.funding({ base, from, to }),
      prices: await store.history.prices({ base, from, to }),
    }),
    'history.backfill': async ({ base, days }) => {
      const targets = await market.symbolsFor(base);
      const results = await backfillFunding(store, market.fundingHistory, targets, days, now());
      await backfillPrices(targets, days);
      return results;
    },
    'history.accrual': () => store.history.accrual(now()),
    'history.importCsv': async ({ fileName, text }) => importFundingCsv(store, text, fileName, FUNDING_CSV_OPTIONS),
  };
}
