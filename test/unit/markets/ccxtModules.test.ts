import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ccxtErrors, proClass, restClasses } from '../../../electron/backend/markets/ccxtModules.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';

/** The classes loaded one file each are ccxt's own: an error a venue throws is `instanceof` them. */
describe('ccxt classes loaded one module file each', () => {
  it('are the very classes of ccxt\'s barrel, REST and pro, for every venue and Binance\'s spot', async () => {
    for (const id of [...VENUE_IDS, 'binance'] as const) expect(restClasses[id], id).toBe(ccxt[id]);
    for (const venue of VENUE_IDS) expect(await proClass(venue), venue).toBe((ccxt.pro as unknown as Record<string, unknown>)[venue]);
  });

  it('share the error classes an exchange throws', () => {
    expect(ccxtErrors.BaseError).toBe(ccxt.BaseError);
    expect(new ccxt.RateLimitExceeded('x')).toBeInstanceOf(ccxtErrors.NetworkError);
    const exchange = new restClasses.bybit({});
    expect(() => exchange.market('NOPE/USDT:USDT')).toThrow(ccxtErrors.ExchangeError);
  });
});
