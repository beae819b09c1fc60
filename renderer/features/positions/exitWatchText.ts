/**
 * An armed exit of a pair in words, as the positions screen shows it: the figure now against
 * its threshold, what it does when met, and whether it already fired (it fires once). Main
 * computes every figure; this only formats (docs/exits.md).
 */
import type { ExitWatch } from '../../../shared/domain/orders.ts';
import { formatHours, formatPct, formatUsd, formatUtcTime } from '../../ui/format.ts';

export const EXIT_NAMES: Record<ExitWatch['rule'], string> = {
  'basis-stop': 'Basis stop', 'max-loss': 'Max loss', 'take-profit': 'Take-profit', 'max-holding': 'Max holding', 'sector-reversed': 'Sector reversal',
};

/** An unsigned share of notional: "0.42 %". */
const share = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(2)} %`);

function figures(watch: ExitWatch): string {
  switch (watch.rule) {
    case 'basis-stop': return `basis moved ${share(watch.value)} against / stop ${share(watch.threshold)}`;
    case 'max-loss': return `net ${formatUsd(watch.value)} / limit ${formatUsd(watch.threshold)}`;
    case 'take-profit': return `spread ${formatPct(watch.value)} /8h / target ≤ ${formatPct(watch.threshold)}`;
    case 'max-holding': return `held ${formatHours(watch.value)} / ${formatHours(watch.threshold)}`;
    case 'sector-reversed': return 'sector signal';
  }
}

/** How close the exit is to firing, 0 (far) to 1 (met), where the figure allows it. */
export function exitProgress(watch: ExitWatch): number | null {
  if (watch.value === null) return null;
  if (watch.rule === 'take-profit') return watch.value <= watch.threshold ? 1 : null;
  if (watch.threshold === 0) return null;
  return Math.max(0, Math.min(1, watch.value / watch.threshold));
}

export function exitWatchText(watch: ExitWatch, now: number): string {
  const does = watch.action === 'close' ? 'closes' : 'alerts';
  const fired = watch.firedAt === null ? '' : ` · FIRED ${formatUtcTime(watch.firedAt, now)}`;
  return `${EXIT_NAMES[watch.rule]}: ${figures(watch)} · ${does}${fired}`;
}
