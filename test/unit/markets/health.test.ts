import { describe, expect, it } from 'vitest';
import { healthBounds, healthView, initialHealth, noteError, recordAnswer, recordFailure, recordSuccess } from '../../../electron/backend/markets/health.ts';

const STALE = 30_000;
const bounds = healthBounds({ pollMs: 5_000, scale: 1 });
const at = (now: number, streamSilent = false) => ({ now, staleAfterMs: STALE, bounds, streamSilent });

describe('health bounds from the cadence', () => {
  it('a 5 s venue: late above 2 s, retried after 1.25 s, down after 3 bad polls, about 4.5 s after it stops answering', () => {
    expect(bounds).toEqual({ pollMs: 5_000, lateAfterMs: 2_000, retryMs: 1_250, downAfterPolls: 3, downAfterMs: 4_500, streamSilentAfterMs: null });
  });

  it('a 10 s venue with a stream: every bound doubles, the stream is silent after two promised gaps', () => {
    expect(healthBounds({ pollMs: 10_000, scale: 1, streamGapMs: 5_000 })).toMatchObject({ lateAfterMs: 4_000, retryMs: 2_500, downAfterMs: 9_000, streamSilentAfterMs: 10_000 });
  });

  it('a sped-up test cadence scales the polls but not what counts as a late answer or a silent stream', () => {
    expect(healthBounds({ pollMs: 5_000, scale: 0.1, streamGapMs: 1_000 })).toMatchObject({ pollMs: 500, retryMs: 125, lateAfterMs: 2_000, streamSilentAfterMs: 2_000 });
  });
});

describe('venue health', () => {
  it('is starting before the first attempt, with no data counted as stale', () => {
    expect(healthView(initialHealth('bybit'), at(0))).toMatchObject({ status: 'starting', stale: true, symbols: 0, bounds });
  });

  it('is ok after a success and records latency and symbol count', () => {
    const state = recordSuccess(initialHealth('bybit'), 1_000, 42, 300);
    expect(healthView(state, at(2_000))).toMatchObject({ status: 'ok', stale: false, latencyMs: 42, symbols: 300, lastSuccessAt: 1_000 });
  });

  it('is degraded after one or two bad polls and down after three in a row', () => {
    let state = recordSuccess(initialHealth('okx'), 0, 10, 5);
    state = recordFailure(state, 1_000, 'OKX is unreachable');
    expect(healthView(state, at(1_000)).status).toBe('degraded');
    state = recordFailure(state, 2_000, 'x');
    expect(healthView(state, at(2_000)).status).toBe('degraded');
    state = recordFailure(state, 3_000, 'y');
    expect(healthView(state, at(3_000))).toMatchObject({ status: 'down', consecutiveErrors: 3, errorCount: 3, lastError: 'y' });
  });

  it('a late answer refreshes the data without ending the run of bad polls; the first good poll does', () => {
    let state = recordFailure(recordFailure(initialHealth('bybit'), 0, 'late'), 1, 'late');
    state = recordAnswer(state, 2, 2_600, 7);
    expect(healthView(state, at(2))).toMatchObject({ status: 'degraded', stale: false, consecutiveErrors: 2, lastSuccessAt: 2, latencyMs: 2_600 });
    state = noteError(state, 3, 'answered in 2.6 s');
    expect(state).toMatchObject({ consecutiveErrors: 2, errorCount: 2, lastError: 'answered in 2.6 s' });
    expect(healthView(recordSuccess(state, 4, 30, 7), at(4))).toMatchObject({ status: 'ok', consecutiveErrors: 0, errorCount: 2, lastError: null });
  });

  it('is down when failing and its last data is older than the staleness bound', () => {
    const state = recordFailure(recordSuccess(initialHealth('gate'), 0, 10, 5), 40_000, 'x');
    expect(healthView(state, at(40_000))).toMatchObject({ status: 'down', stale: true });
  });

  it('a silent stream degrades a venue whose polls are fine', () => {
    const state = recordSuccess(initialHealth('binanceusdm'), 0, 10, 5);
    expect(healthView(state, at(1_000, true)).status).toBe('degraded');
    expect(healthView(state, at(1_000, false)).status).toBe('ok');
  });
});
