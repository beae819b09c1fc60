import { describe, expect, it } from 'vitest';
import { exitProgress, exitWatchText } from '../../../renderer/features/positions/exitWatchText.ts';
import type { ExitWatch } from '../../../shared/domain/orders.ts';

const NOW = Date.UTC(2026, 2, 4, 12, 0);
const watch = (over: Partial<ExitWatch>): ExitWatch => ({ rule: 'basis-stop', action: 'close', value: 0.0042, threshold: 0.01, metWhen: 'at-or-above', firedAt: null, ...over });

describe('an armed exit in words on the positions screen', () => {
  it('says the figure now against the threshold, with units, and what it does', () => {
    expect(exitWatchText(watch({}), NOW)).toBe('Basis stop: basis moved 0.42 % against / stop 1.00 % · closes');
    expect(exitWatchText(watch({ rule: 'max-loss', value: -12.3, threshold: -4000, metWhen: 'at-or-below' }), NOW)).toBe('Max loss: net −12.30 USD / limit −4,000.00 USD · closes');
    expect(exitWatchText(watch({ rule: 'take-profit', action: 'alert', value: 0.0004, threshold: 0.0001, metWhen: 'at-or-below' }), NOW)).toBe('Take-profit: spread +0.0400% /8h / target ≤ +0.0100% · alerts');
    expect(exitWatchText(watch({ rule: 'max-holding', action: 'alert', value: 3.25, threshold: 72 }), NOW)).toBe('Max holding: held 3.3 h / 3.0 d · alerts');
  });

  it('marks an exit that fired, with its time', () => {
    expect(exitWatchText(watch({ firedAt: Date.UTC(2026, 2, 4, 11, 2) }), NOW)).toBe('Basis stop: basis moved 0.42 % against / stop 1.00 % · closes · FIRED 11:02 UTC');
  });

  it('measures how near a stop is to firing', () => {
    expect(exitProgress(watch({}))).toBeCloseTo(0.42, 12);
    expect(exitProgress(watch({ value: -0.002 }))).toBe(0);
    expect(exitProgress(watch({ rule: 'max-loss', value: -3500, threshold: -4000 }))).toBeCloseTo(0.875, 12);
    expect(exitProgress(watch({ rule: 'take-profit', value: 0.0004, threshold: 0.0001 }))).toBeNull();
    expect(exitProgress(watch({ value: null }))).toBeNull();
  });
});
