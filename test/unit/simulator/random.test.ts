import { describe, expect, it } from 'vitest';
import { mulberry32, noise, normalFrom } from '../../../electron/simulator/random.ts';

describe('seeded randomness', () => {
  it('the same seed gives the same sequence; another seed another one', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('counter-based noise is a pure function of (seed, stream, index), whatever the order of calls', () => {
    const forward = [0, 1, 2, 3].map((i) => noise(7, 99, i));
    const backward = [3, 2, 1, 0].map((i) => noise(7, 99, i)).reverse();
    expect(backward).toEqual(forward);
  });

  it('noise draws are standard normal (mean ≈ 0, variance ≈ 1 over 20,000 draws)', () => {
    const draws = Array.from({ length: 20_000 }, (_, i) => noise(1, 2, i));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('sequential normal draws are standard normal too', () => {
    const next = normalFrom(mulberry32(5));
    const draws = Array.from({ length: 20_000 }, next);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
  });
});
