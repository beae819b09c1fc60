import { describe, expect, it } from 'vitest';
import { compareRows, firstMatch, legFor, matchesFilter, orderRows } from '../../../renderer/features/monitor/rowOrder.ts';
import { nextSort, type MonitorFilter } from '../../../renderer/store/monitorViewStore.ts';
import { leg, row } from './opportunityFixture.ts';

const noFilter: MonitorFilter = { search: '', triggeredOnly: false, confirmedOnly: false, minSpreadPer8h: 0, minOpenInterestUsd: 0, minVolume24hUsd: 0, minCapacityUsd: 0, venue: null, tradableOnly: false };
const bases = (rows: { base: string }[]) => rows.map((r) => r.base);

describe('monitor order: sorting', () => {
  const rows = [row('BTC', { spreadPer8h: 0.0003 }), row('ETH', { spreadPer8h: 0.0009 }), row('XRP'), row('SOL', { spreadPer8h: 0.0001 })];

  it('sorts by spread descending, assets without a spread last', () => {
    expect(bases(orderRows(rows, noFilter, { key: 'spread', dir: 'desc' }))).toEqual(['ETH', 'BTC', 'SOL', 'XRP']);
  });

  it('ascending also puts missing values last', () => {
    expect(bases(orderRows(rows, noFilter, { key: 'spread', dir: 'asc' }))).toEqual(['SOL', 'BTC', 'ETH', 'XRP']);
  });

  it('sorts by asset name alphabetically', () => {
    expect(bases(orderRows(rows, noFilter, { key: 'base', dir: 'asc' }))).toEqual(['BTC', 'ETH', 'SOL', 'XRP']);
  });

  it("a venue column sorts by that venue's rate per 8 h", () => {
    const r = [row('A', { legs: [leg('okx', 0.0002)] }), row('B', { legs: [leg('okx', -0.0004)] }), row('C', { legs: [leg('bybit', 0.01)] })];
    expect(bases(orderRows(r, noFilter, { key: 'venue:okx', dir: 'desc' }))).toEqual(['A', 'B', 'C']);
  });

  it('equal values fall back to the asset name so the order is stable between updates', () => {
    const r = [row('ZEC', { rank: 1 }), row('ADA', { rank: 1 })];
    expect(compareRows(r[0], r[1], { key: 'rank', dir: 'asc' })).toBeGreaterThan(0);
  });
});

describe('monitor order: filters and search', () => {
  it('triggered only keeps triggered rows', () => {
    expect(matchesFilter(row('A', { triggered: false }), { ...noFilter, triggeredOnly: true })).toBe(false);
    expect(matchesFilter(row('A', { triggered: true }), { ...noFilter, triggeredOnly: true })).toBe(true);
  });

  it('confirmed only keeps rows the sector signal confirms, hiding contradicted, neutral and untagged ones', () => {
    const f = { ...noFilter, confirmedOnly: true };
    const tagged = (tag: 'confirmed' | 'contradicted' | 'neutral') => row('A', { alignment: { tag, sector: 'DeFi', reason: 'r' } });
    expect(matchesFilter(tagged('confirmed'), f)).toBe(true);
    expect(matchesFilter(tagged('contradicted'), f)).toBe(false);
    expect(matchesFilter(tagged('neutral'), f)).toBe(false);
    expect(matchesFilter(row('A'), f)).toBe(false);
  });

  it('min spread hides rows below it and rows without a spread', () => {
    const f = { ...noFilter, minSpreadPer8h: 0.0006 };
    expect(matchesFilter(row('A', { spreadPer8h: 0.0005 }), f)).toBe(false);
    expect(matchesFilter(row('A', { spreadPer8h: 0.0006 }), f)).toBe(true);
    expect(matchesFilter(row('A'), f)).toBe(false);
  });

  it('min OI and min volume (USD) hide rows below them and rows with no figure; 0 filters nothing', () => {
    const oi = { ...noFilter, minOpenInterestUsd: 5e6 };
    expect(matchesFilter(row('A', { openInterestUsd: 4.9e6 }), oi)).toBe(false);
    expect(matchesFilter(row('A', { openInterestUsd: 5e6 }), oi)).toBe(true);
    expect(matchesFilter(row('A', { openInterestUsd: null }), oi)).toBe(false);
    const volume = { ...noFilter, minVolume24hUsd: 1e8 };
    expect(matchesFilter(row('A', { openInterestUsd: 5e6, volume24hUsd: 2e7 }), volume)).toBe(false);
    expect(matchesFilter(row('A', { volume24hUsd: 1.5e8 }), volume)).toBe(true);
    expect(matchesFilter(row('A'), noFilter)).toBe(true);
  });

  it('the venue filter keeps assets listed on that venue', () => {
    const r = row('A', { legs: [leg('gate', 0)] });
    expect(matchesFilter(r, { ...noFilter, venue: 'gate' })).toBe(true);
    expect(matchesFilter(r, { ...noFilter, venue: 'okx' })).toBe(false);
  });

  it('"only venues I can trade" keeps rows whose best pair is on two keyed venues', () => {
    const f = { ...noFilter, tradableOnly: true };
    const pair = row('A', { longVenue: 'okx', shortVenue: 'bybit' });
    expect(matchesFilter(pair, f, new Set(['okx', 'bybit']))).toBe(true);
    expect(matchesFilter(pair, f, new Set(['okx']))).toBe(false);
    expect(matchesFilter(pair, f, null)).toBe(false);
    expect(matchesFilter(row('B'), f, new Set(['okx', 'bybit']))).toBe(false);
    expect(matchesFilter(pair, noFilter, new Set())).toBe(true);
  });

  it('search is case-insensitive and matches inside the name', () => {
    expect(matchesFilter(row('PEPE'), { ...noFilter, search: 'ep' })).toBe(true);
    expect(matchesFilter(row('PEPE'), { ...noFilter, search: 'btc' })).toBe(false);
  });

  it('Enter in the search opens the asset typed exactly even when a longer name ranks above it', () => {
    const shown = [row('ETHFI', { rank: 1 }), row('ETH', { rank: 2 }), row('ETHW', { rank: 3 })];
    expect(firstMatch(shown, ' eth ')).toBe('ETH');
    expect(firstMatch(shown, 'et')).toBe('ETHFI');
    expect(firstMatch([], 'eth')).toBeNull();
  });
});

describe('the venue column of an asset listed twice on one venue', () => {
  it('shows the leg with the largest absolute rate per 8 h', () => {
    const r = row('BTC', { legs: [leg('binanceusdm', 0.0001, { symbol: 'BTC/USDT:USDT' }), leg('binanceusdm', -0.0003, { symbol: 'BTC/USDC:USDC' })] });
    expect(legFor(r, 'binanceusdm')!.symbol).toBe('BTC/USDC:USDC');
    expect(legFor(r, 'okx')).toBeNull();
  });
});

describe('clicking a column header', () => {
  it('flips the direction of the sorted column', () => {
    expect(nextSort({ key: 'spread', dir: 'desc' }, 'spread')).toEqual({ key: 'spread', dir: 'asc' });
  });
  it('starts a numeric column biggest first and the asset or countdown smallest first', () => {
    expect(nextSort({ key: 'base', dir: 'asc' }, 'apr').dir).toBe('desc');
    expect(nextSort({ key: 'apr', dir: 'asc' }, 'base').dir).toBe('asc');
    expect(nextSort({ key: 'apr', dir: 'asc' }, 'next').dir).toBe('asc');
  });
});
