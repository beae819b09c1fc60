import { describe, expect, it } from 'vitest';
import { healthBounds } from '../../../electron/backend/markets/health.ts';
import { healthTooltip } from '../../../renderer/features/statusBar/venueHealthText.ts';
import type { VenueHealth } from '../../../shared/domain/quotes.ts';

const base: VenueHealth = {
  venue: 'bybit', status: 'ok', lastSuccessAt: 9_600, lastAttemptAt: 9_600, latencyMs: 42, consecutiveErrors: 0, errorCount: 0,
  lastError: null, symbols: 300, stale: false, bounds: healthBounds({ pollMs: 5_000, scale: 1 }),
};

describe('the venue chip tooltip', () => {
  it('prints the bounds main sent, in seconds, and how long ago the venue last answered', () => {
    expect(healthTooltip(base, 10_000).split('\n')).toEqual([
      'Bybit: ok',
      'polled every 5 s; degraded after 1 failed or late poll (> 2 s), down after 3 in a row (≈ 4.5 s, retried every 1.3 s meanwhile)',
      'last answer 0.4 s ago in 42 ms; 300 symbols',
      '0 failed or late polls (0 in a row)',
      'no error',
    ]);
  });

  it('a streaming venue also shows its stream and the silence bound', () => {
    const health: VenueHealth = {
      ...base, venue: 'binanceusdm', status: 'degraded', bounds: healthBounds({ pollMs: 5_000, scale: 1, streamGapMs: 1_000 }),
      stream: { status: 'silent', messages: 40, lastMessageAt: 7_000, reconnects: 0, lastError: null, symbols: 0, pollMs: 5_000 },
    };
    expect(healthTooltip(health, 10_000)).toContain('stream silent (last message 3 s ago; degraded when silent > 2 s); polls every 5 s meanwhile');
  });
});
