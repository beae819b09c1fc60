import { describe, expect, it } from 'vitest';
import { coalescedRead } from '../../../renderer/bridge/coalescedRead.ts';

/** A read whose answers the test releases one by one, in order. */
function manualReads() {
  const pending: Array<(value: number) => void> = [];
  let started = 0;
  const read = () => new Promise<number>((resolve) => { started++; pending.push(resolve); });
  const answer = async (value: number) => {
    pending.shift()!(value);
    // Let then/finally run, and the follow-up read start.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { read, answer, started: () => started, open: () => pending.length };
}

describe('coalescedRead: asks faster than answers (the portfolio bar under load)', () => {
  it('delivers every answer while asks keep coming, with one read in flight and one more queued at most', async () => {
    const reads = manualReads();
    const delivered: number[] = [];
    const r = coalescedRead(reads.read, (v) => delivered.push(v), () => {});
    r.request();
    for (let round = 1; round <= 4; round++) {
      // Ten pushes of the pairs while the read is out: no extra reads pile up.
      for (let i = 0; i < 10; i++) r.request();
      expect(reads.open()).toBe(1);
      await reads.answer(round);
      expect(delivered).toEqual(Array.from({ length: round }, (_, i) => i + 1));
    }
    // The last round's asks started one more read; nothing asked during it, so none after.
    expect(reads.started()).toBe(5);
    await reads.answer(5);
    expect(reads.started()).toBe(5);
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });

  it('an ask with nothing in flight reads at once; a failure is reported and the next ask still reads', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const delivered: number[] = [];
    const r = coalescedRead(async () => { calls++; if (calls === 1) throw new Error('venue down'); return calls; }, (v) => delivered.push(v), (e) => errors.push(e));
    r.request();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors.map((e) => (e as Error).message)).toEqual(['venue down']);
    r.request();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual([2]);
  });

  it('after stop nothing is delivered and no queued read starts', async () => {
    const reads = manualReads();
    const delivered: number[] = [];
    const r = coalescedRead(reads.read, (v) => delivered.push(v), () => {});
    r.request();
    r.request();
    r.stop();
    await reads.answer(1);
    expect(delivered).toEqual([]);
    expect(reads.started()).toBe(1);
    r.request();
    expect(reads.started()).toBe(1);
  });
});
