/**
 * The renderer's alert list (docs/screens.md, "Alerts"): an update of a known alert (main's
 * grouping re-sends it with its count) replaces it and keeps its acknowledgement unless it
 * turned more severe; cleared alerts stay out; filters by kind, severity and asset, the asset
 * found among a burst's members too.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/signals.ts';
import { useAlerts } from '../../../renderer/store/alertsStore.ts';
import { assetChoices, matches, NO_FILTER } from '../../../renderer/features/alerts/alertFilter.ts';

const T = Date.UTC(2026, 2, 1, 12);
const down: Alert = { id: 'venue-down:bybit@1', kind: 'venue', severity: 'warn', at: T, base: null, venue: 'bybit', message: 'Bybit is down: HTTP 503', condition: 'down' };
const burst: Alert = {
  id: 'burst:extreme-rate:warn@2', kind: 'extreme-rate', severity: 'warn', at: T + 1, base: null, venue: 'bybit', count: 2, firstAt: T + 1,
  message: '2 extreme-rate alerts at once: WIF, PENGU', members: [{ base: 'WIF', venue: 'bybit', message: 'WIF …' }, { base: 'PENGU', venue: 'bybit', message: 'PENGU …' }],
};

beforeEach(() => useAlerts.setState({ alerts: [], acknowledged: new Set(), cleared: new Map(), unread: 0, latestNew: null }));

describe('alerts store', () => {
  it('keeps one entry per id: an update moves it to its new time, counts as unread once, and does not re-toast', () => {
    const store = useAlerts.getState();
    store.add([down, burst]);
    store.add([{ ...down, at: T + 5, count: 2, firstAt: T }]);
    const { alerts, unread, latestNew } = useAlerts.getState();
    expect(alerts.map((a) => [a.id, a.count ?? 1])).toEqual([[down.id, 2], [burst.id, 2]]);
    expect(unread).toBe(2);
    expect(latestNew?.id).toBe(burst.id);
  });

  it('an acknowledged alert stays acknowledged as its count grows, and asks again when it turns critical', () => {
    useAlerts.getState().add([down]);
    useAlerts.getState().acknowledge([down.id]);
    useAlerts.getState().add([{ ...down, at: T + 5, count: 2 }]);
    expect(useAlerts.getState().acknowledged.has(down.id)).toBe(true);
    useAlerts.getState().add([{ ...down, at: T + 9, count: 3, severity: 'critical' }]);
    expect(useAlerts.getState().acknowledged.has(down.id)).toBe(false);
  });

  it('clears the acknowledged ones, and their later updates stay cleared', () => {
    useAlerts.getState().add([down, burst]);
    useAlerts.getState().acknowledge([down.id]);
    useAlerts.getState().clearAcknowledged();
    useAlerts.getState().add([{ ...down, at: T + 5, count: 2 }]);
    expect(useAlerts.getState().alerts.map((a) => a.id)).toEqual([burst.id]);
    expect(useAlerts.getState().acknowledged.size).toBe(0);
  });

  it('a burst that gains alerts (new assets) asks again, acknowledged or cleared; its repeats alone do not', () => {
    useAlerts.getState().add([burst]);
    useAlerts.getState().acknowledge([burst.id]);
    useAlerts.getState().add([{ ...burst, at: T + 2 }]);
    expect(useAlerts.getState().acknowledged.has(burst.id)).toBe(true);
    const grown: Alert = { ...burst, at: T + 3, count: 3, members: [...burst.members!, { base: 'ENA', venue: 'bybit', message: 'ENA …' }] };
    useAlerts.getState().add([grown]);
    expect(useAlerts.getState().acknowledged.has(burst.id)).toBe(false);
    useAlerts.getState().acknowledge([burst.id]);
    useAlerts.getState().clearAcknowledged();
    useAlerts.getState().add([{ ...grown, at: T + 4 }]);
    expect(useAlerts.getState().alerts).toEqual([]);
    useAlerts.getState().add([{ ...grown, at: T + 5, count: 4 }]);
    expect(useAlerts.getState().alerts.map((a) => a.count)).toEqual([4]);
    expect(useAlerts.getState().latestNew?.count).toBe(4);
  });
});

describe('alert filter', () => {
  const none = new Set<string>();
  it('filters by kind, least severity and asset (a burst matches by its members), and unacknowledged only', () => {
    expect(matches(burst, { ...NO_FILTER, kind: 'extreme-rate' }, none)).toBe(true);
    expect(matches(down, { ...NO_FILTER, kind: 'extreme-rate' }, none)).toBe(false);
    expect(matches(down, { ...NO_FILTER, severity: 'critical' }, none)).toBe(false);
    expect(matches(burst, { ...NO_FILTER, base: 'PENGU' }, none)).toBe(true);
    expect(matches(down, { ...NO_FILTER, base: 'PENGU' }, none)).toBe(false);
    expect(matches(down, { ...NO_FILTER, unacknowledgedOnly: true }, new Set([down.id]))).toBe(false);
    expect(assetChoices([down, burst])).toEqual(['PENGU', 'WIF']);
  });
});
