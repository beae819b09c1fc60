/**
 * Where a take-profit may lie (docs/exits.md): at or above 0 (0 closes the pair the moment the
 * spread stops paying; below 0 it would be held while it pays funding), and below the spread the
 * legs earn now, or it is met the moment the pair opens.
 * Main's checklist applies it on its own rates at preview and at submit; the ticket form shows it
 * beside the take-profit field, on the rates of main's last preview.
 */
import type { LegPreview } from '../domain/ticket.ts';

const per8h = (value: number): string => `${(value * 100).toFixed(4)} % /8h`;

/** What the pair earns per 8 h at the legs' rates: the short perp receives its rate, the long perp pays it, spot earns none. */
export function pairSpreadPer8h(legs: readonly Pick<LegPreview, 'side' | 'instrument' | 'ratePer8h'>[]): number | null {
  let spread = 0;
  for (const leg of legs) {
    if (leg.instrument !== 'perp') continue;
    if (leg.ratePer8h === null) return null;
    spread += leg.side === 'sell' ? leg.ratePer8h : -leg.ratePer8h;
  }
  return spread;
}

/** Null when the target is usable; otherwise why not, in % per 8 h. An unknown spread checks the lower bound only. */
export function takeProfitProblem(targetPer8h: number, spreadPer8h: number | null): string | null {
  if (!(targetPer8h >= 0)) return `take-profit ${per8h(targetPer8h)} must be at least 0 % /8h: below 0 the pair would be held while it pays funding`;
  if (spreadPer8h === null) return null;
  if (spreadPer8h <= 0) return `the legs earn ${per8h(spreadPer8h)} now: there is no spread to take profit on`;
  if (targetPer8h >= spreadPer8h) return `take-profit ${per8h(targetPer8h)} is at or above the current spread ${per8h(spreadPer8h)}: it would be met at once; set it between 0 and ${per8h(spreadPer8h)}`;
  return null;
}
