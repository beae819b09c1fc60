import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { journalCsv } from '../../../electron/backend/store/journalStore.ts';
import { winRateOf } from '../../../electron/backend/trading/ledger.ts';
import { foldJournal } from '../../../electron/backend/trading/ledgerFold.ts';
import type { JournalEntry } from '../../../shared/domain/orders.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

let store: Store;
beforeEach(async () => { store = await openStore(':memory:'); });
afterEach(async () => { await store.close(); });

function closedPair(pairId: string, alignment: string, net: number): JournalEntry[] {
  return [
    { seq: 1, time: 1, kind: 'intent', pairId, venue: null, symbol: null, clientOrderId: null, data: { checklist: { alignment } } },
    { seq: 2, time: 2, kind: 'pair-closed', pairId, venue: null, symbol: null, clientOrderId: null, data: { net } },
  ];
}

describe('order journal', () => {
  it('numbers entries in order of commit and filters by pair and sequence', async () => {
    const base = { venue: null, symbol: null, clientOrderId: null, data: { n: 1 } } as const;
    const written = await Promise.all(['a', 'b', 'a'].map((pairId) => journalOf(store).append({ ...base, kind: 'alert', pairId, time: 5 })));
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await journalOf(store).list({ pairId: 'a' })).map((e) => e.seq)).toEqual([1, 3]);
    expect((await journalOf(store).list({ from: 2, limit: 1 })).map((e) => e.seq)).toEqual([2]);
  });

  it('exports a flat CSV: ISO times, one data.<path> column per payload field across the entries, quoted where a value needs it, no JSON', () => {
    const csv = journalCsv([
      { seq: 1, time: 0, kind: 'order-error', pairId: 'p', venue: 'okx', symbol: 'BTC/USDT:USDT', clientOrderId: 'x', data: { error: 'a, "b"' } },
      { seq: 2, time: 1_000, kind: 'exit', pairId: 'p', venue: null, symbol: null, clientOrderId: null, data: { rule: 'basis-stop', figures: { basisMovePct: 0.0125 }, legs: [{ venue: 'bybit' }] } },
    ]);
    expect(csv).toBe([
      'seq,time,kind,pairId,venue,symbol,clientOrderId,data.error,data.rule,data.figures.basisMovePct,data.legs.0.venue',
      '1,1970-01-01T00:00:00.000Z,order-error,p,okx,BTC/USDT:USDT,x,"a, ""b""",,,',
      '2,1970-01-01T00:00:01.000Z,exit,p,,,,,basis-stop,0.0125,bybit',
      '',
    ].join('\n'));
    expect(csv).not.toMatch(/[{}]/);
  });

  it('win rate below 55 % on confirmed setups says the entry criteria need review', () => {
    const entries = [
      ...closedPair('c1', 'confirmed', 10), ...closedPair('c2', 'confirmed', -3), ...closedPair('c3', 'confirmed', -1),
      ...closedPair('x1', 'contradicted', 5),
    ];
    const rate = winRateOf(foldJournal(entries));
    expect(rate.confirmed).toEqual({ wins: 1, closed: 3, rate: 1 / 3 });
    expect(rate.contradicted).toEqual({ wins: 1, closed: 1, rate: 1 });
    expect(rate.warning).toBe('win rate on confirmed setups is 33 % over 3 closed pairs, below 55 %: entry criteria need review');
  });

  it('win rate at or above 55 % on confirmed setups raises no warning', () => {
    const entries = [...closedPair('c1', 'confirmed', 1), ...closedPair('c2', 'confirmed', 2), ...closedPair('c3', 'confirmed', -1)];
    expect(winRateOf(foldJournal(entries)).warning).toBeNull();
  });
});
