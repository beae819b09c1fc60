import { describe, expect, it } from 'vitest';
import { healthView, initialHealth, recordFailure, recordSuccess } from '../../../electron/backend/markets/health.ts';

const STALE = 30_000;

describe('venue health', () => {
  it('is starting before the first attempt, with no data counted as stale', () => {
    expect(healthView(initialHealth('bybit'), 0, STALE)).toMatchObject({ status: 'starting', stale: true, symbols: 0 });
  });

  it('is ok after a success and records latency and symbol count', () => {
    const state = recordSuccess(initialHealth('bybit'), 1_000, 42, 300);
    expect(healthView(state, 2_000, STALE)).toMatchObject({ status: 'ok', stale: false, latencyMs: 42, symbols: 300, lastSuccessAt: 1_000 });
  });

  it('is degraded after one or two failures and down after three in a row', () => {
    let state = recordSuccess(initialHealth('okx'), 0, 10, 5);
    state = recordFailure(state, 1_000, 'OKX is unreachable');
    expect(healthView(state, 1_000, STALE).status).toBe('degraded');
    state = recordFailure(recordFailure(state, 2_000, 'x'), 3_000, 'y');
    expect(healthView(state, 3_000, STALE)).toMatchObject({ status: 'down', consecutiveErrors: 3, errorCount: 3, lastError: 'y' });
  });

  it('is down when failing and its last data is older than the staleness bound', () => {
    const state = recordFailure(recordSuccess(initialHealth('gate'), 0, 10, 5), 40_000, 'x');
    expect(healthView(state, 40_000, STALE)).toMatchObject({ status: 'down', stale: true });
  });

  it('a success resets consecutive errors but keeps the error count', () => {
    const state = recordSuccess(recordFailure(recordFailure(initialHealth('gate'), 0, 'a'), 1, 'b'), 2, 7, 1);
    expect(state).toMatchObject({ consecutiveErrors: 0, errorCount: 2, lastError: null });
  });
});
