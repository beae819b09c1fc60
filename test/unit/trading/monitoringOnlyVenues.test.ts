/**
 * A monitoring-only venue (Paradex and Lighter in this build; KuCoin Futures and BingX are traded
 * since their signed endpoints are served and their brokers checked) gets no broker in any mode: the desk
 * says in words why it is not tradable, before anything could be sent, and nothing else (the
 * vault, the journal, the network) is touched for it (docs/venues.md, "Monitoring-only venues").
 */
import { describe, expect, it } from 'vitest';
import { createDeskBrokers } from '../../../electron/backend/trading/deskBrokers.ts';
import type { Vault } from '../../../electron/backend/vault/vault.ts';
import type { Journal } from '../../../electron/backend/trading/journal.ts';
import { MONITORING_ONLY_VENUES, VENUE_IDS } from '../../../shared/domain/venues.ts';
import { TRADED_VENUE_IDS } from '../../fixtures/tradedVenues.ts';

/** Any use of these throws: the monitoring-only path must not reach them. */
const untouchable = new Proxy({}, { get: (_, name) => { throw new Error(`touched ${String(name)}`); } });

describe('monitoring-only venues', () => {
  it('Paradex and Lighter are the monitoring-only venues; every other venue, KuCoin Futures and BingX included, is traded', () => {
    expect([...MONITORING_ONLY_VENUES]).toEqual(['paradex', 'lighter']);
    expect(TRADED_VENUE_IDS).toContain('kucoinfutures');
    expect(TRADED_VENUE_IDS).toContain('bingx');
    expect([...TRADED_VENUE_IDS, ...MONITORING_ONLY_VENUES].sort()).toEqual([...VENUE_IDS].sort());
  });

  it.each(['paper', 'demo', 'live'] as const)('in %s mode no broker opens and the reason is said in words', async (mode) => {
    const brokers = createDeskBrokers({
      mode, venues: ['paradex', 'lighter'], vault: untouchable as Vault, journal: untouchable as Journal, quotes: () => [], now: () => 0,
    });
    await brokers.connect();
    expect(brokers.connected()).toEqual([]);
    expect(() => brokers.get('paradex')).toThrow('Paradex is not tradable in this build: the terminal monitors it only');
    expect(brokers.unavailable().get('paradex')).toMatch(/^Paradex is not tradable in this build/);
    expect(brokers.unavailable().get('lighter')).toMatch(/^Lighter is not tradable in this build/);
    expect(brokers.unavailable().has('kucoinfutures')).toBe(false);
    expect(brokers.unavailable().has('bingx')).toBe(false);
  });
});
