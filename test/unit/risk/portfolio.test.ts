import { describe, expect, it } from 'vitest';
import type { Pair } from '../../../shared/domain/orders.ts';
import { portfolioOf } from '../../../shared/risk/portfolio.ts';

const NOW = Date.UTC(2026, 2, 4, 10, 20);
const HOUR = 3_600_000;

const pair = (pairId: string, status: Pair['status'], net: number): Pair => ({
  pairId, ticketId: pairId, status, openedAt: NOW - 30 * HOUR, closedAt: status === 'closed' ? NOW - HOUR : null, alignment: null, exits: {},
  legs: [], deltaDrift: 0, net, unhedgedReason: null, exitWatch: [], mismatches: [],
});

/** Funding settled at 16:00 UTC two days ago (+8), 00:00 today (+3), 08:00 today (−1.5), and 8 days ago (+100, outside the week). */
const payments = [
  { time: NOW - 8 * 24 * HOUR, amount: 100 },
  { time: Date.UTC(2026, 2, 2, 16), amount: 8 },
  { time: Date.UTC(2026, 2, 4, 0), amount: 3 },
  { time: Date.UTC(2026, 2, 4, 8), amount: -1.5 },
];
const fundingSince = (since: number) => payments.filter((p) => p.time >= since).reduce((sum, p) => sum + p.amount, 0);

describe('the portfolio figures on hand-checked inputs', () => {
  const portfolio = portfolioOf({
    now: NOW,
    pairs: [pair('a', 'open', 12.5), pair('b', 'closed', -4), pair('c', 'failed', -0.25), pair('d', 'unhedged', -2)],
    balances: [{ venue: 'binanceusdm', equity: 10_000, free: 7_500 }, { venue: 'bybit', equity: 5_000, free: 5_000 }, { venue: 'okx', error: 'no API key stored for okx' }],
    fundingSince,
  });

  it('equity sums the venues read; margin in use is (equity − free) / equity; a venue not read says why and adds nothing', () => {
    expect(portfolio.equityUsd).toBe(15_000);
    expect(portfolio.venues.map((v) => [v.venue, v.usedPct, v.error])).toEqual([['binanceusdm', 0.25, null], ['bybit', 0, null], ['okx', null, 'no API key stored for okx']]);
  });

  it('funding today counts from 00:00 UTC (3 − 1.5 = 1.5); over 7 days also the +8 of two days ago, not the +100 of eight', () => {
    expect(portfolio.fundingTodayUsd).toBeCloseTo(1.5, 12);
    expect(portfolio.funding7dUsd).toBeCloseTo(9.5, 12);
  });

  it('realised is the closed and failed pairs\' net (−4.25); open is the pairs still held (12.5 − 2)', () => {
    expect(portfolio.realisedPnlUsd).toBeCloseTo(-4.25, 12);
    expect(portfolio.unrealisedPnlUsd).toBeCloseTo(10.5, 12);
    expect(portfolio.livePairs).toBe(2);
  });
});
