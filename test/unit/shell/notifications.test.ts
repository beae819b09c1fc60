import { describe, expect, it } from 'vitest';
import { NOTIFY_REPEAT_MS, createAlertNotifier, type NotificationText } from '../../../shared/domain/alertNotifications.ts';
import { createDesktopNotifier } from '../../../electron/main/notifications.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';

const alert = (id: string, patch: Partial<Alert> = {}): Alert => ({ id, kind: 'trading', severity: 'critical', at: 1, base: 'BTC', venue: 'bybit', message: 'pair p1 UNHEDGED', ...patch });

describe('which alerts become notifications', () => {
  function setup() {
    let now = 0;
    const shown: NotificationText[] = [];
    const notify = createAlertNotifier((t) => shown.push(t), () => now);
    return { notify, shown, advance: (ms: number) => (now += ms) };
  }

  it('by default the trading, venue and trigger kinds', () => {
    expect(DEFAULT_SETTINGS.notifyKinds).toEqual(['trading', 'position', 'venue', 'trigger']);
  });

  it('only the subscribed kinds, each alert once even when streamed again', () => {
    const { notify, shown } = setup();
    notify([alert('a'), alert('b', { kind: 'window', message: 'window opens' })], ['trading']);
    notify([alert('a')], ['trading']);
    expect(shown).toEqual([{ title: 'Funding Terminal — trading: BTC · bybit', body: 'pair p1 UNHEDGED', critical: true }]);
  });

  it('the same text under a new id is not repeated within the window, and is after it', () => {
    const { notify, shown, advance } = setup();
    notify([alert('a')], ['trading']);
    advance(NOTIFY_REPEAT_MS - 1);
    notify([alert('b')], ['trading']);
    expect(shown).toHaveLength(1);
    advance(1);
    notify([alert('c')], ['trading']);
    expect(shown).toHaveLength(2);
    notify([alert('d', { message: 'pair p2 UNHEDGED' })], ['trading']);
    expect(shown).toHaveLength(3);
  });
});

describe('the desktop notifier of the shell', () => {
  function fakeApi(supported = true) {
    const created: Array<{ options: unknown; shown: number; click?: () => void }> = [];
    return {
      created,
      api: {
        isSupported: () => supported,
        create(options: unknown) {
          const record: (typeof created)[number] = { options, shown: 0 };
          created.push(record);
          return { on: (_e: 'click', l: () => void) => void (record.click = l), show: () => void record.shown++ };
        },
      },
    };
  }

  it('shows a critical alert as a critical, persistent OS notification; a click brings the window forward', () => {
    const fake = fakeApi();
    let focused = 0;
    createDesktopNotifier(fake.api as never, () => focused++)({ title: 't', body: 'b', critical: true });
    expect(fake.created[0]).toMatchObject({ options: { title: 't', body: 'b', urgency: 'critical', timeoutType: 'never' }, shown: 1 });
    fake.created[0].click!();
    expect(focused).toBe(1);
  });

  it('shows nothing where the OS has no notifications', () => {
    const fake = fakeApi(false);
    createDesktopNotifier(fake.api as never, () => {})({ title: 't', body: 'b', critical: false });
    expect(fake.created).toEqual([]);
  });
});
