import { describe, expect, it } from 'vitest';
import { QuoteDecoder, QuoteEncoder, transferablesOf } from '../../../electron/engine/quoteColumns.ts';
import { StringTableError } from '../../../electron/engine/stringTable.ts';
import { makeQuoteSet } from '../../fixtures/engine/quoteSet.ts';
import { NOW, q } from './quotes.ts';

describe('quote columns codec', () => {
  it('round-trips quotes, nulls included, through typed-array columns', () => {
    const quotes = [
      ...makeQuoteSet(20, NOW),
      q('hyperliquid', 'PEPE', null, 1, { symbol: 'kPEPE/USDC:USDC', multiplier: 1000, rateKind: 'settled', lastSettledRate: -0.00002, nextFundingTime: null, markPrice: null, indexPrice: null, bid: null, ask: null, volume24hUsd: null, openInterestUsd: null }),
    ];
    const decoded = new QuoteDecoder().decode(new QuoteEncoder().encode(quotes));
    expect(decoded).toEqual(quotes);
  });

  it('sends each string once: a second batch of known symbols carries no strings', () => {
    const encoder = new QuoteEncoder();
    const decoder = new QuoteDecoder();
    const first = encoder.encode(makeQuoteSet(50, NOW));
    expect(first.strings.length).toBe(50 * 2 + 50); // USDT and USDC symbols, and the bases
    decoder.decode(first);
    const again = makeQuoteSet(50, NOW + 5_000, 2);
    const second = encoder.encode(again);
    expect(second.strings).toEqual([]);
    expect(second.stringsFrom).toBe(150);
    expect(decoder.decode(second)).toEqual(again);
  });

  it('lists one transferable buffer per column', () => {
    expect(transferablesOf(new QuoteEncoder().encode(makeQuoteSet(3, NOW)))).toHaveLength(16);
  });

  it('refuses columns from an encoder out of step with the decoder, saying why', () => {
    const encoder = new QuoteEncoder();
    encoder.encode(makeQuoteSet(5, NOW));
    const later = encoder.encode([q('bybit', 'NEW', 0.0001)]);
    expect(() => new QuoteDecoder().decode(later)).toThrow(StringTableError);
    expect(() => new QuoteDecoder().decode(later)).toThrow(/out of step: strings start at 15 but the table holds 0/);
  });
});
