import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { RowDecoder, RowEncoder, rowTransferables } from '../../../electron/engine/rowColumns.ts';
import { StringTableError } from '../../../electron/engine/stringTable.ts';
import { baseName, makeQuoteSet } from '../../fixtures/engine/quoteSet.ts';
import { NOW, q } from './quotes.ts';

/** Engine rows with every shape a row takes: aligned, no sector, no sector map, a lone leg (no spread), a settled stale leg. */
function engineRows(): Opportunity[] {
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.setSectorMap(new Map(Array.from({ length: 40 }, (_, i) => [baseName(i), `S${i % 4}`] as [string, string])), NOW);
  const quotes = [
    ...makeQuoteSet(60, NOW),
    q('hyperliquid', 'LONE', 0.0003, 1, { nextFundingTime: null, markPrice: null }),
    q('okx', 'OLD', null, 8, { lastSettledRate: -0.0002, rateKind: 'settled', observedAt: NOW - 60_000 }),
    q('bybit', 'OLD', 0.0001),
  ];
  const unmapped = new SignalEngine(DEFAULT_SETTINGS).apply(makeQuoteSet(5, NOW, 3), NOW).batch.upserts;
  return [...engine.apply(quotes, NOW).batch.upserts, ...unmapped.map((row) => ({ ...row, base: `U${row.base}` }))];
}

describe('row columns codec', () => {
  it('round-trips engine rows, nulls, alignment and stale legs included', () => {
    const rows = engineRows();
    expect(rows.some((row) => row.alignment === null)).toBe(true);
    expect(rows.some((row) => row.alignment?.tag === 'neutral' && row.alignment.sector !== null)).toBe(true);
    expect(rows.some((row) => row.spreadPer8h === null)).toBe(true);
    expect(rows.some((row) => row.legs.some((leg) => leg.stale && leg.rateKind === 'settled'))).toBe(true);
    expect(new RowDecoder().decode(new RowEncoder().encode(rows))).toEqual(rows);
  });

  it('sends each base, symbol and sector once, and seven transferable buffers a batch', () => {
    const rows = engineRows();
    const encoder = new RowEncoder();
    const decoder = new RowDecoder();
    decoder.decode(encoder.encode(rows));
    const again = encoder.encode(rows.slice(0, 10));
    expect(again.strings).toEqual([]);
    expect(rowTransferables(again)).toHaveLength(7);
    expect(decoder.decode(again)).toEqual(rows.slice(0, 10));
  });

  it('sends a leg once: a row again with one leg rebuilt carries only that leg, and the others decode as the legs decoded before', () => {
    const rows = engineRows();
    const encoder = new RowEncoder();
    const decoder = new RowDecoder();
    const first = decoder.decode(encoder.encode(rows));
    const row = rows.find((r) => r.legs.length > 2)!;
    // A venue poll: one leg is a new object (here with a new rate), the row a new object holding the others.
    const polled: Opportunity = { ...row, legs: row.legs.map((leg, i) => (i === 1 ? { ...leg, rate: leg.rate + 1e-6 } : leg)), rank: 1 };
    const columns = encoder.encode([polled]);
    expect(columns.legSymbol).toHaveLength(1);
    const [decoded] = decoder.decode(columns);
    expect(decoded).toEqual(polled);
    const before = first.find((r) => r.base === row.base)!;
    decoded.legs.forEach((leg, i) => (i === 1 ? expect(leg).not.toBe(before.legs[i]) : expect(leg).toBe(before.legs[i])));
  });

  it('refuses columns from an encoder out of step with the decoder', () => {
    const encoder = new RowEncoder();
    encoder.encode(engineRows());
    expect(() => new RowDecoder().decode(encoder.encode([{ ...engineRows()[0], base: 'NEWBASE' }]))).toThrow(StringTableError);
  });
});
