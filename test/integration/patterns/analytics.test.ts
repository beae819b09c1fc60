import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { importFundingCsv } from '../../../electron/backend/store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../../../electron/backend/markets/knownVenues.ts';
import { createPatternHandlers } from '../../../electron/backend/patterns/patternHandlers.ts';
import { createPatternService } from '../../../electron/backend/patterns/patternService.ts';
import { DATA_DIR, sevenVenuesCsv } from '../../unit/history/realFundingData.ts';

/** history.analytics over BTC and ETH recorded on seven venues (2020–2023), imported into a DuckDB store. */
const hasData = existsSync(join(DATA_DIR, 'btc-eth-7venues'));
const BINANCE_BTC_CAP = 0.003;

let store: Store;
let handlers: Handlers;

describe.skipIf(!hasData)('history.analytics over a multi-venue store', () => {
  beforeAll(async () => {
    store = await openStore(':memory:');
    for (const pair of ['BTC-USDT', 'ETH-USDT'] as const) {
      const result = await importFundingCsv(store, sevenVenuesCsv(pair), `${pair}.csv`, FUNDING_CSV_OPTIONS);
      expect(result.rejected).toBe(0);
    }
    const service = createPatternService({
      history: store.history,
      // A cap known only for Binance BTC: the other series must report null, not zero.
      capOf: (venue, symbol) => (venue === 'binanceusdm' && symbol === 'BTC/USDT:USDT' ? BINANCE_BTC_CAP : null),
    });
    // Only the pattern requests are under test; dispatch calls no other handler.
    handlers = createPatternHandlers(service, store) as unknown as Handlers;
  }, 60_000);
  afterAll(() => store.close());

  it('gives one analytics entry per venue, the base spread half-life over the venues, and BTC–ETH funding correlation', async () => {
    const result = await dispatch(handlers, 'history.analytics', { base: 'btc' });
    if (!result.ok) throw new Error(result.error.message);
    const analytics = requests['history.analytics'].output.parse(result.value);
    expect(analytics.base).toBe('BTC');
    expect(analytics.series.map((s) => s.venue)).toEqual(['binanceusdm', 'bybit', 'dydx', 'gate', 'htx', 'kucoinfutures', 'mexc']);
    expect(analytics.spread.venues).toHaveLength(7);
    // The same figure the pure function finds on these files (test/unit/analytics/realData.test.ts).
    expect(analytics.spread.halfLifeHours).toBeCloseTo(14.15, 2);
    const caps = Object.fromEntries(analytics.series.map((s) => [s.venue, s.atCapShare]));
    expect(caps.binanceusdm).toBeGreaterThan(0);
    expect(caps.bybit).toBeNull();
    // Default peers: BTC, ETH (present in the store) and the base's sector mates.
    expect(analytics.correlation.assets).toEqual(['BTC', 'ETH']);
    expect(analytics.correlation.matrix[0][1]).toBeGreaterThan(0.5);
  });

  it('an unknown base has no series and no spread, rather than an error', async () => {
    const result = await dispatch(handlers, 'history.analytics', { base: 'NOPE', peers: [] });
    if (!result.ok) throw new Error(result.error.message);
    expect(requests['history.analytics'].output.parse(result.value)).toMatchObject({ base: 'NOPE', series: [], spread: { points: 0, halfLifeHours: null } });
  });
});
