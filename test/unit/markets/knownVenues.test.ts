import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { CCXT_EXCHANGE_IDS, KNOWN_HISTORY_VENUES } from '../../../electron/backend/markets/knownVenues.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';

describe('the exchange ids a funding-history CSV may name', () => {
  it('are exactly the installed ccxt\'s (the list is written out so the product need not load ccxt\'s barrel)', () => {
    expect([...CCXT_EXCHANGE_IDS].sort()).toEqual([...ccxt.exchanges].sort());
  });

  it('take the terminal\'s venues and refuse a misspelt id', () => {
    for (const venue of VENUE_IDS) expect(KNOWN_HISTORY_VENUES.has(venue)).toBe(true);
    expect(KNOWN_HISTORY_VENUES.has('binanceusd')).toBe(false);
  });
});
