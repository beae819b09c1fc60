import type { AlertKind } from '../../../shared/domain/signals.ts';

/** Each alert kind in the trader's words: the Alerts screen's filter and the notification settings. */
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  trading: 'Trading (kill switch, UNHEDGED, reconcile, exits)',
  position: 'Held pairs (stop near, funding paid)',
  venue: 'Venue health',
  trigger: 'Spread triggers',
  'extreme-rate': 'Extreme rates',
  'interval-change': 'Interval changes',
  window: 'Settlement windows',
  divergence: 'BTC/ETH divergence',
};
