import { describe, expect, it } from 'vitest';
import { Faults, emptyLists } from '../../../electron/simulator/faults.ts';
import { thinBook } from '../../../electron/simulator/book.ts';
import type { SimInstrument } from '../../../electron/simulator/types.ts';

describe('fault injection', () => {
  it('a fault with times applies that many times to matching requests only, then disappears', () => {
    const faults = new Faults();
    faults.inject({ venue: 'bybit', kind: 'status', status: 429, path: '/v5/market', times: 2 });
    expect(faults.take('bybit', 'GET', '/v5/account/wallet-balance')).toBeUndefined();
    expect(faults.take('okx', 'GET', '/v5/market/tickers')).toBeUndefined();
    expect(faults.take('bybit', 'GET', '/v5/market/tickers')?.status).toBe(429);
    expect(faults.take('bybit', 'GET', '/v5/market/tickers')?.hits).toBe(2);
    expect(faults.take('bybit', 'GET', '/v5/market/tickers')).toBeUndefined();
    expect(faults.list()).toHaveLength(0);
  });

  it('a fault without times lasts until cleared by id', () => {
    const faults = new Faults();
    const fault = faults.inject({ venue: 'okx', kind: 'hang' });
    for (let i = 0; i < 5; i++) expect(faults.take('okx', 'POST', '/api/v5/trade/order')?.kind).toBe('hang');
    faults.clear(fault.id);
    expect(faults.take('okx', 'POST', '/api/v5/trade/order')).toBeUndefined();
  });

  it('order faults are armed separately from transport faults and used up only when taken', () => {
    const faults = new Faults();
    faults.inject({ venue: 'binanceusdm', kind: 'reject', reason: 'min-notional', times: 1 });
    expect(faults.take('binanceusdm', 'POST', '/fapi/v1/order')).toBeUndefined();
    const armed = faults.peekOrderFault('binanceusdm', 'POST', '/fapi/v1/order')!;
    expect(faults.peekOrderFault('binanceusdm', 'GET', '/fapi/v1/order')?.id).toBe(armed.id);
    expect(faults.takeArmed(armed.id)?.reason).toBe('min-notional');
    expect(faults.peekOrderFault('binanceusdm', 'POST', '/fapi/v1/order')).toBeUndefined();
  });

  it('refuses malformed specs with a message naming what is missing', () => {
    const faults = new Faults();
    expect(() => faults.inject({ venue: 'gate', kind: 'status' })).toThrow(/HTTP status/);
    expect(() => faults.inject({ venue: 'gate', kind: 'reject' })).toThrow(/reason/);
    expect(() => faults.inject({ venue: 'gate', kind: 'partial', fraction: 1 })).toThrow(/fraction/);
    expect(() => faults.inject({ venue: 'gate', kind: 'thin' })).toThrow(/usd > 0/);
    expect(() => faults.inject({ venue: 'ftx' as 'gate', kind: 'hang' })).toThrow(/unknown venue "ftx"/);
  });

  it('a venue goes down and comes back; clearing everything brings every venue back', () => {
    const faults = new Faults();
    faults.setDown('hyperliquid', true);
    expect(faults.isDown('hyperliquid')).toBe(true);
    faults.clear();
    expect(faults.isDown('hyperliquid')).toBe(false);
  });

  it('the empty-list fault empties the first list, at any depth of an envelope', () => {
    expect(emptyLists([1, 2])).toEqual([]);
    expect(emptyLists({ retCode: 0, result: { category: 'linear', list: [1] } })).toEqual({ retCode: 0, result: { category: 'linear', list: [] } });
    // An empty book has both sides empty, not only the first listed.
    expect(emptyLists({ code: '00000', data: { asks: [[1, 2]], bids: [[1, 2]], ts: 1 } })).toEqual({ code: '00000', data: { asks: [], bids: [], ts: 1 } });
    expect(emptyLists({ code: '0', data: [{ a: 1 }] })).toEqual({ code: '0', data: [] });
  });

  it('a thin book fault is armed apart from the request and holds the book to its dollars a side, the last level cut to the lot', () => {
    const faults = new Faults();
    const armed = faults.inject({ venue: 'gate', kind: 'thin', usd: 750, path: '/api/v4/futures/usdt/order_book', times: 1 });
    expect(faults.take('gate', 'GET', '/api/v4/futures/usdt/order_book')).toBeUndefined();
    expect(faults.peekOrderFault('gate', 'GET', '/api/v4/futures/usdt/order_book')).toBeUndefined();
    expect(faults.peekBookFault('gate', 'GET', '/api/v4/futures/usdt/order_book')?.id).toBe(armed.id);
    // Gate BTC: contracts of 0.0001 BTC at 100,000 USD a BTC are 10 USD each.
    const instrument = { contractSize: 0.0001, stepSize: 1 } as SimInstrument;
    const book = { bids: [[100_000, 40], [99_990, 40], [99_980, 40]] as Array<[number, number]>, asks: [[100_010, 60], [100_020, 60]] as Array<[number, number]>, time: 1 };
    const thin = thinBook(book, instrument, faults.takeArmed(armed.id)!.usd!);
    expect(thin.bids).toEqual([[100_000, 40], [99_990, 35]]);
    expect(thin.asks).toEqual([[100_010, 60], [100_020, 14]]);
    expect(faults.peekBookFault('gate', 'GET', '/api/v4/futures/usdt/order_book')).toBeUndefined();
  });
});
