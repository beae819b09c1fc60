/**
 * The monitor's Capacity column (renderer/features/monitor/rowCapacity.ts): a pass's figure is
 * shown only for the row's best pair as it stands, "–" says why otherwise, and sorting and the
 * minimum filter read the same figure (rows without one last, and hidden while a minimum is set).
 */
import { describe, expect, it } from 'vitest';
import type { CapacitySnapshot, LegCapacity, PairCapacity } from '../../../shared/domain/capacity.ts';
import { capacityOutOfDate, capacityText, capacityTitle, rowCapacity, type CapacityView } from '../../../renderer/features/monitor/rowCapacity.ts';
import { orderRows } from '../../../renderer/features/monitor/rowOrder.ts';
import type { MonitorFilter } from '../../../renderer/store/monitorViewStore.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { leg, row } from './opportunityFixture.ts';

const noFilter: MonitorFilter = { search: '', triggeredOnly: false, confirmedOnly: false, minSpreadPer8h: 0, minOpenInterestUsd: 0, minVolume24hUsd: 0, minCapacityUsd: 0, venue: null, tradableOnly: false };

const legOf = (venue: VenueId, base: string, notionalUsd: number | null, patch: Partial<LegCapacity> = {}): LegCapacity =>
  ({ venue, symbol: `${base}/USDT:USDT`, notionalUsd, atLeast: false, bookAt: 1_000, error: null, ...patch });

function pair(base: string, long: LegCapacity, short: LegCapacity): PairCapacity {
  const both = long.notionalUsd !== null && short.notionalUsd !== null;
  return { base, long, short, notionalUsd: both ? Math.min(long.notionalUsd!, short.notionalUsd!) : null, atLeast: false };
}

function view(pairs: PairCapacity[]): CapacityView {
  const snapshot: CapacitySnapshot = { impactBps: 10, computedAt: 1_000, everyMs: 45_000, pairs };
  return { snapshot, byBase: new Map(pairs.map((p) => [p.base, p])), error: null };
}

const monitorRow = (base: string, long: VenueId, short: VenueId, rank = 1) => row(base, {
  rank, longVenue: long, shortVenue: short,
  legs: [leg(long, -0.0001, { symbol: `${base}/USDT:USDT` }), leg(short, 0.0005, { symbol: `${base}/USDT:USDT` })],
});

describe('the Capacity cell of a row', () => {
  const btc = monitorRow('BTC', 'binanceusdm', 'okx');

  it('shows the pass\'s figure for the row\'s best pair, the smaller leg, with both legs, the impact and the age in the tooltip', () => {
    const v = view([pair('BTC', legOf('binanceusdm', 'BTC', 9.3e6), legOf('okx', 'BTC', 3.8e6, { atLeast: true }))]);
    const shown = rowCapacity(btc, v);
    expect(shown.notionalUsd).toBe(3.8e6);
    expect(capacityTitle(shown.pair!, v.snapshot!, 24_000)).toBe(
      'max notional before the average fill is 10 bps from the mid. Long Binance BTC/USDT:USDT: 9.30M USD on the asks; short OKX BTC/USDT:USDT: ≥3.80M USD on the bids (the levels read ran out first); the smaller leg limits the pair. Books read 23 s ago.',
    );
    expect(capacityText(3.8e6, true)).toBe('≥3.80M');
    expect(capacityOutOfDate(v.snapshot!, 1_000 + 90_000)).toBe(false);
    expect(capacityOutOfDate(v.snapshot!, 1_000 + 90_001)).toBe(true);
  });

  it('says "–" with the reason: no pass yet, a row outside the top pairs, a best pair that moved, a book not read', () => {
    expect(rowCapacity(btc, { snapshot: null, byBase: new Map(), error: null }).why).toMatch(/^No order book read yet/);
    expect(rowCapacity(btc, { snapshot: null, byBase: new Map(), error: 'capacity not loaded: host gone' }).why).toBe('capacity not loaded: host gone');
    expect(rowCapacity(btc, view([pair('ETH', legOf('binanceusdm', 'ETH', 1e6), legOf('okx', 'ETH', 1e6))])).why).toBe('Not among the top 1 ranked pairs when their books were last read: only those pairs\' books are read.');
    const moved = view([pair('BTC', legOf('bybit', 'BTC', 1e6), legOf('okx', 'BTC', 1e6))]);
    expect(rowCapacity(btc, moved)).toEqual({ pair: null, notionalUsd: null, why: 'The best pair changed since its books were read (then long Bybit BTC/USDT:USDT, short OKX BTC/USDT:USDT).' });
    const otherSymbol = view([pair('BTC', legOf('binanceusdm', 'BTC', 1e6, { symbol: 'BTC/USDC:USDC' }), legOf('okx', 'BTC', 1e6))]);
    expect(rowCapacity(btc, otherSymbol).notionalUsd).toBeNull();
    const failed = view([pair('BTC', legOf('binanceusdm', 'BTC', 1e6), legOf('okx', 'BTC', null, { error: 'OKX did not answer within 10 s', bookAt: null }))]);
    expect(rowCapacity(btc, failed).why).toBe('No figure: a leg\'s book was not read. OKX BTC/USDT:USDT: OKX did not answer within 10 s');
  });
});

describe('sorting and filtering by capacity', () => {
  const rows = [monitorRow('BTC', 'binanceusdm', 'okx', 1), monitorRow('ETH', 'bybit', 'okx', 2), monitorRow('PEPE', 'okx', 'bybit', 3), monitorRow('WIF', 'gate', 'okx', 4)];
  const v = view([
    pair('BTC', legOf('binanceusdm', 'BTC', 9e6), legOf('okx', 'BTC', 4e6)),
    pair('ETH', legOf('bybit', 'ETH', 6e6), legOf('okx', 'ETH', 7e6)),
    pair('PEPE', legOf('okx', 'PEPE', 2e4), legOf('bybit', 'PEPE', 3e5)),
  ]);

  it('sorts by the figure, biggest first, rows without one last', () => {
    expect(orderRows(rows, noFilter, { key: 'capacity', dir: 'desc' }, null, v).map((r) => r.base)).toEqual(['ETH', 'BTC', 'PEPE', 'WIF']);
  });

  it('a minimum hides the rows below it and those without a figure (an illiquid alt\'s $20k among them)', () => {
    expect(orderRows(rows, { ...noFilter, minCapacityUsd: 1e6 }, { key: 'rank', dir: 'asc' }, null, v).map((r) => r.base)).toEqual(['BTC', 'ETH']);
  });
});
