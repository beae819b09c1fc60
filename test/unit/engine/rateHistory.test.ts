import { describe, expect, it } from 'vitest';
import { RateHistory } from '../../../electron/engine/rateHistory.ts';

const M0 = 29_500_000; // a minute index in 2026

describe('rate history velocity', () => {
  it('a rate moving 0.02 % → 0.08 % per 8 h in two hours has a 1-h velocity of 0.03 % per hour', () => {
    const h = new RateHistory();
    for (let m = 0; m <= 120; m++) h.record(M0 + m, 0.0002 + (0.0006 * m) / 120);
    expect(h.velocity(1)).toBeCloseTo(0.0003, 12);
    expect(h.velocity(4)).toBeNull(); // history does not reach 4 h back yet
  });

  it('a rate sitting at 0.08 % for six hours has zero velocity over 1 h and 4 h', () => {
    const h = new RateHistory();
    for (let m = 0; m <= 360; m++) h.record(M0 + m, 0.0008);
    expect(h.velocity(1)).toBe(0);
    expect(h.velocity(4)).toBe(0);
  });

  it('velocity divides by the hours actually elapsed when the sample an hour ago is missing', () => {
    const h = new RateHistory();
    h.record(M0, 0.0001);
    h.record(M0 + 90, 0.0004); // a 90-minute gap
    expect(h.velocity(1)).toBeCloseTo(0.0002, 12);
  });

  it('the last value within a minute wins and earlier minutes are ignored', () => {
    const h = new RateHistory();
    h.record(M0, 0.0001);
    h.record(M0 + 60, 0.0002);
    h.record(M0 + 60, 0.0003);
    h.record(M0 + 30, 0.01);
    expect(h.size).toBe(2);
    expect(h.velocity(1)).toBeCloseTo(0.0002, 12);
  });

  it('keeps 24 h of one-minute samples within its capacity, dropping the oldest', () => {
    const h = new RateHistory(25 * 60);
    for (let m = 0; m < 30 * 60; m++) h.record(M0 + m, m * 1e-7);
    expect(h.size).toBe(25 * 60);
    expect(h.velocity(24)).toBeCloseTo(60 * 1e-7, 12);
  });
});

describe('rate history persistence', () => {
  it('counts the hours the rate has stayed in its current extreme regime', () => {
    const h = new RateHistory();
    for (let m = 0; m < 60; m++) h.record(M0 + m, 0.0005); // mild
    for (let m = 60; m <= 240; m++) h.record(M0 + m, 0.0015); // extreme bull for 3 h
    expect(h.persistenceHours()).toBe(3);
  });

  it('restarts when the extreme flips side and is 0 outside the extremes', () => {
    const h = new RateHistory();
    for (let m = 0; m <= 120; m++) h.record(M0 + m, 0.002);
    for (let m = 121; m <= 151; m++) h.record(M0 + m, -0.001); // 30 minutes from the flip
    expect(h.persistenceHours()).toBe(0.5);
    h.record(M0 + 152, 0.0001);
    expect(h.persistenceHours()).toBe(0);
  });

  it('an extreme value overwritten within its minute by a mild one ends the run', () => {
    const h = new RateHistory();
    for (let m = 0; m <= 60; m++) h.record(M0 + m, 0.002);
    h.record(M0 + 60, 0.0005);
    expect(h.persistenceHours()).toBe(0);
    h.record(M0 + 61, 0.002);
    expect(h.persistenceHours()).toBe(0);
  });
});
