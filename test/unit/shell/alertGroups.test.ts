/**
 * Alert grouping in main (docs/screens.md, "Alerts"): a condition's repeats fold into its one
 * alert (same id, a count, first and last time) until it has been quiet for QUIET_MS; a burst
 * of new alerts of one kind (a wake-up) becomes one alert listing them. The alerts here are the
 * producers' own: the venue health sentences and the engine's, from a recompute after a wake-up.
 */
import { describe, expect, it } from 'vitest';
import { AlertGrouper, BURST_MIN, BURST_OPEN_MS, groupingAlerts, QUIET_MS } from '../../../electron/backend/streams/alertGroups.ts';
import { venueDownAlert, venueRecoveredAlert } from '../../../electron/backend/markets/quoteChanges.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { NOW, q } from '../engine/quotes.ts';

const MINUTE = 60_000;

/** A flapping venue: down, recovered, down again… every `gapMs`, each a fresh sentence from the health code. */
function flapping(grouper: AlertGrouper, from: number, times: number, gapMs: number): Alert[][] {
  const published: Alert[][] = [];
  for (let i = 0; i < times; i += 1) {
    const at = from + i * gapMs;
    published.push(grouper.group([venueDownAlert('bybit', `HTTP 503 (attempt ${i + 1})`, at)]));
    published.push(grouper.group([venueRecoveredAlert('bybit', at, at + gapMs / 2)]));
  }
  return published;
}

describe('a condition that keeps firing', () => {
  it('alerts once: each repeat is the same alert again, with its count and last time', () => {
    const grouper = new AlertGrouper();
    const published = flapping(grouper, NOW, 6, 2 * MINUTE).flat();
    const ids = new Set(published.map((a) => a.id));
    expect(ids.size).toBe(2); // one "down" alert and one "recovered" alert, however often it flapped
    const lastDown = published.filter((a) => a.message.includes('is down')).at(-1)!;
    expect(lastDown).toMatchObject({ severity: 'critical', count: 6, firstAt: NOW, at: NOW + 10 * MINUTE, venue: 'bybit' });
    expect(lastDown.message).toContain('attempt 6');
  });

  it('alerts again once it has been quiet for QUIET_MS (the condition cleared), as a new alert', () => {
    const grouper = new AlertGrouper();
    const [first] = grouper.group([venueDownAlert('okx', 'no answer', NOW)]);
    const [repeat] = grouper.group([venueDownAlert('okx', 'no answer', NOW + QUIET_MS - 1)]);
    expect(repeat.id).toBe(first.id);
    const [again] = grouper.group([venueDownAlert('okx', 'no answer', NOW + 2 * QUIET_MS)]);
    expect(again.id).not.toBe(first.id);
    expect(again.count).toBeUndefined();
  });

  it('folds repeats inside one batch, and keeps the higher severity', () => {
    const grouper = new AlertGrouper();
    const warn: Alert = { id: 'a@1', kind: 'trading', severity: 'warn', at: NOW, base: 'BTC', venue: null, message: 'pair p1: basis near', condition: 'near:p1' };
    const out = grouper.group([warn, { ...warn, id: 'a@2', at: NOW + 1, severity: 'critical' }]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 'a@1', count: 2, severity: 'critical', at: NOW + 1 });
  });
});

describe('a burst', () => {
  /** 66 assets whose Bybit rate jumps past the extreme threshold while the terminal slept. */
  function wakeUp(assets: number): { engine: SignalEngine; alerts: Alert[]; bases: string[] } {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const bases = Array.from({ length: assets }, (_, i) => `A${String(i).padStart(2, '0')}`);
    const market = (rate: number, t: number) => bases.flatMap((base) => [q('binanceusdm', base, 0.0001, 8, { observedAt: t }), q('bybit', base, rate, 8, { observedAt: t })]);
    engine.apply(market(0.0003, NOW), NOW);
    const t = NOW + 40 * MINUTE;
    return { engine, alerts: engine.apply(market(0.0015, t), t).alerts, bases };
  }

  it('of 66 alerts after a wake-up becomes one alert with a count of 66 listing them all', () => {
    const { alerts, bases } = wakeUp(66);
    const extreme = alerts.filter((a) => a.kind === 'extreme-rate');
    expect(extreme).toHaveLength(66);
    const out = new AlertGrouper().group(alerts).filter((a) => a.kind === 'extreme-rate');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ count: 66, severity: 'warn', venue: 'bybit', base: null });
    expect(out[0].members!.map((m) => m.base)).toEqual(bases);
    expect(out[0].message).toBe('66 extreme-rate alerts at once: A00, A01, A02, A03, A04, A05 and 60 more; each is listed under this alert');
  });

  it('stays open for BURST_OPEN_MS: a late alert of its kind joins it, a repeat of a member is absorbed', () => {
    const grouper = new AlertGrouper();
    const alerts = wakeUp(BURST_MIN).alerts.filter((a) => a.kind === 'extreme-rate');
    const [burst] = grouper.group(alerts);
    const late: Alert = { ...alerts[0], id: 'late', base: 'LATE', condition: 'extreme:LATE', at: burst.at + BURST_OPEN_MS - 1 };
    expect(grouper.group([late])).toEqual([expect.objectContaining({ id: burst.id, count: BURST_MIN + 1 })]);
    expect(grouper.group([{ ...alerts[0], at: late.at + 1 }])).toEqual([]);
    const afterwards: Alert = { ...late, id: 'afterwards', base: 'NEW', condition: 'extreme:NEW', at: late.at + 2 * BURST_OPEN_MS };
    expect(grouper.group([afterwards])).toEqual([afterwards]);
  });

  it('needs BURST_MIN alerts of one kind and severity: fewer stay separate', () => {
    const { alerts } = wakeUp(BURST_MIN - 1);
    const out = new AlertGrouper().group(alerts.filter((a) => a.kind === 'extreme-rate'));
    expect(out.map((a) => a.count ?? 1)).toEqual(Array(BURST_MIN - 1).fill(1));
  });
});

describe('groupingAlerts', () => {
  it('passes other streams through and publishes only what the grouper says is new or updated', () => {
    const sent: Array<[string, unknown]> = [];
    const publish = groupingAlerts((name, payload) => sent.push([name, payload]));
    publish('health', []);
    publish('alerts', [venueDownAlert('gate', null, NOW)]);
    publish('alerts', []);
    expect(sent.map(([name]) => name)).toEqual(['health', 'alerts']);
  });
});
