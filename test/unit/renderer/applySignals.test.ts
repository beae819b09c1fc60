import { describe, expect, it } from 'vitest';
import { applySignalsBatches } from '../../../shared/ipc/streamRules.ts';
import { batch, row } from './opportunityFixture.ts';

describe('applying signal batches to the monitor rows', () => {
  it('a full batch replaces every row, dropping assets it does not list', () => {
    const before = new Map([['BTC', row('BTC')], ['OLD', row('OLD')]]);
    const after = applySignalsBatches(before, [batch(true, [row('BTC', { rank: 1 }), row('ETH')])]);
    expect([...after.keys()].sort()).toEqual(['BTC', 'ETH']);
    expect(after.get('BTC')!.rank).toBe(1);
  });

  it('an incremental batch upserts and removes, leaving other rows untouched (same objects)', () => {
    const sol = row('SOL');
    const before = new Map([['BTC', row('BTC')], ['SOL', sol], ['DOGE', row('DOGE')]]);
    const after = applySignalsBatches(before, [batch(false, [row('BTC', { rank: 7 }), row('PEPE')], ['DOGE'])]);
    expect([...after.keys()].sort()).toEqual(['BTC', 'PEPE', 'SOL']);
    expect(after.get('BTC')!.rank).toBe(7);
    expect(after.get('SOL')).toBe(sol);
  });

  it('batches apply in arrival order: a row removed then re-added is present', () => {
    const after = applySignalsBatches(new Map(), [batch(false, [row('BTC')]), batch(false, [], ['BTC']), batch(false, [row('BTC', { rank: 3 })])]);
    expect(after.get('BTC')!.rank).toBe(3);
  });

  it('a full batch after an incremental one discards the incremental rows', () => {
    const after = applySignalsBatches(new Map(), [batch(false, [row('A')]), batch(true, [row('B')])]);
    expect([...after.keys()]).toEqual(['B']);
  });

  it('keeps the same map when nothing changed, so subscribers do not re-render', () => {
    const before = new Map([['BTC', row('BTC')]]);
    expect(applySignalsBatches(before, [])).toBe(before);
    expect(applySignalsBatches(before, [batch(false, [])])).toBe(before);
  });

  it('does not mutate the map it was given', () => {
    const before = new Map([['BTC', row('BTC')]]);
    applySignalsBatches(before, [batch(false, [row('ETH')], ['BTC'])]);
    expect([...before.keys()]).toEqual(['BTC']);
  });
});
