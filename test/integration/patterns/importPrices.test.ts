import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createPatternHandlers } from '../../../electron/backend/patterns/patternHandlers.ts';
import { createPatternService } from '../../../electron/backend/patterns/patternService.ts';

let store: Store;
let handlers: Handlers;

beforeEach(async () => {
  store = await openStore(':memory:');
  // Only the pattern requests are under test; dispatch calls no other handler.
  handlers = createPatternHandlers(createPatternService({ history: store.history }), store) as unknown as Handlers;
});
afterEach(() => store.close());

async function importPrices(text: string) {
  const result = await dispatch(handlers, 'history.importPrices', { fileName: 'closes.csv', text });
  if (!result.ok) throw new Error(result.error.message);
  return requests['history.importPrices'].output.parse(result.value);
}

describe('history.importPrices', () => {
  it('stores the good lines and lists every bad one by its line number', async () => {
    const text = [
      'venue,symbol,time,close',
      'binanceusdm,BTC/USDT:USDT,2026-03-01T00:00:00Z,84000.5',
      'binanceusdm,BTC/USDT:USDT,2026-03-01T04:00:00Z,-1',
      '',
      'Binance,BTC/USDT:USDT,2026-03-01T08:00:00Z,84100',
      'bybit,BTCUSDT,2026-03-01T08:00:00Z,84100',
      'bybit,BTC/USDT:USDT,yesterday,84100',
      'bybit,BTC/USDT:USDT,1772352000000,84200',
      'bybit,BTC/USDT:USDT,1772352000000',
    ].join('\n');
    const result = await importPrices(text);
    expect(result).toMatchObject({ fileName: 'closes.csv', imported: 2, rejected: 5 });
    expect(result.errors.map((e) => e.line)).toEqual([3, 5, 6, 7, 9]);
    expect(result.errors[0].message).toMatch(/close "-1"/);
    expect(result.errors[1].message).toMatch(/venue "Binance"/);
    expect(result.errors[2].message).toMatch(/symbol "BTCUSDT" is not a unified/);
    expect(result.errors[4].message).toMatch(/expected 4 fields/);
    const stored = await store.history.prices({ base: 'BTC' });
    expect(stored.map((p) => [p.venue, p.time, p.close])).toEqual([
      ['binanceusdm', Date.UTC(2026, 2, 1), 84000.5],
      ['bybit', 1772352000000, 84200],
    ]);
  });

  it('a file without the header imports nothing and says which header it expected', async () => {
    const result = await importPrices('binanceusdm,BTC/USDT:USDT,2026-03-01T00:00:00Z,84000\n');
    expect(result).toMatchObject({ imported: 0, rejected: 1 });
    expect(result.errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/expected header "venue,symbol,time,close"/) });
  });
});
