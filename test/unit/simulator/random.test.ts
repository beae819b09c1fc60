import { describe, expect, it } from 'vitest';
import { noise, uniformAt } from '../../../electron/simulator/random.ts';

describe('seeded randomness', () => {
  it('the same seed gives the same draws; another seed or stream other ones', () => {
    const draws = (seed: number, stream: number) => Array.from({ length: 5 }, (_, i) => noise(seed, stream, i));
    expect(draws(42, 1)).toEqual(draws(42, 1));
    expect(draws(43, 1)).not.toEqual(draws(42, 1));
    expect(draws(42, 2)).not.toEqual(draws(42, 1));
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

  it('uniform draws fill (0, 1) evenly (each decile within 10 % ± 1 % over 20,000 draws)', () => {
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) deciles[Math.floor(uniformAt(3, 4, i) * 10)]++;
    for (const count of deciles) expect(Math.abs(count / 20_000 - 0.1)).toBeLessThan(0.01);
  });
});
