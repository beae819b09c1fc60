import type { Alert, AlertKind } from '../../../shared/domain/signals.ts';

export interface AlertFilter {
  kind: AlertKind | 'all';
  /** The least severity shown. */
  severity: Alert['severity'];
  /** An asset, or 'all'. */
  base: string;
  unacknowledgedOnly: boolean;
}

export const NO_FILTER: AlertFilter = { kind: 'all', severity: 'info', base: 'all', unacknowledgedOnly: false };

const RANK: Record<Alert['severity'], number> = { info: 0, warn: 1, critical: 2 };

/** The assets an alert is about: its own, or its burst members'. */
export function basesOf(alert: Alert): string[] {
  const bases = alert.members ? alert.members.map((m) => m.base) : [alert.base];
  return [...new Set(bases.filter((b): b is string => b !== null))];
}

export function matches(alert: Alert, filter: AlertFilter, acknowledged: ReadonlySet<string>): boolean {
  if (filter.kind !== 'all' && alert.kind !== filter.kind) return false;
  if (RANK[alert.severity] < RANK[filter.severity]) return false;
  if (filter.base !== 'all' && !basesOf(alert).includes(filter.base)) return false;
  return !(filter.unacknowledgedOnly && acknowledged.has(alert.id));
}

/** Every asset the kept alerts name, sorted: the asset filter's choices. */
export function assetChoices(alerts: readonly Alert[]): string[] {
  return [...new Set(alerts.flatMap(basesOf))].sort();
}
