import { describe, expect, it } from 'vitest';
import { healthBounds } from '../../../electron/backend/markets/health.ts';
import { chipState, healthSummary, healthTooltip, worstFirst } from '../../../renderer/features/statusBar/venueHealthText.ts';
import { venueCode } from '../../../renderer/ui/venueCode.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
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

describe('the status bar venue summary', () => {
  const at = (venue: VenueHealth['venue'], status: VenueHealth['status'], stale = false): VenueHealth => ({ ...base, venue, status, stale });

  it('names the worst state with its count, and every state but ok with its venues', () => {
    const summary = healthSummary([at('binanceusdm', 'ok'), at('bybit', 'down'), at('okx', 'ok', true), at('gate', 'down'), at('aster', 'degraded')]);
    expect(summary).toEqual({ worst: 'down', text: '2 down', label: 'Venues: 2 down (Bybit, Gate), 1 degraded (Aster), 1 stale (OKX), 1 ok' });
  });

  it('an answering venue past its staleness bound reads stale, and all ok reads so', () => {
    expect(chipState(at('okx', 'ok', true))).toBe('stale');
    expect(healthSummary([at('okx', 'ok'), at('bybit', 'ok')])).toEqual({ worst: 'ok', text: 'all 2 ok', label: 'Venues: 2 ok' });
  });

  it('lists the venues worst first, in their own order within a state', () => {
    expect(worstFirst([at('binanceusdm', 'ok'), at('okx', 'ok', true), at('bybit', 'down'), at('gate', 'ok')]).map((h) => h.venue)).toEqual(['bybit', 'okx', 'binanceusdm', 'gate']);
  });

  it('gives every venue a short name of at most four letters, distinct from the others', () => {
    const codes = VENUE_IDS.map(venueCode);
    expect(codes.every((code) => /^[A-Z0-9]{2,4}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
