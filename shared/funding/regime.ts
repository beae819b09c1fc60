/** The market-regime table of the domain doc, per 8-hour rate. */
export type Regime = 'extreme-bull' | 'mild-bull' | 'neutral-bear' | 'extreme-bear';

export const REGIME_LABELS: Record<Regime, string> = {
  'extreme-bull': 'extreme bullishness: consider fading',
  'mild-bull': 'mild bullishness: normal',
  'neutral-bear': 'neutral to bearish: look for reversal',
  'extreme-bear': 'extreme bearishness: consider buying',
};

export function regimeOf(ratePer8h: number): Regime {
  if (ratePer8h > 0.001) return 'extreme-bull';
  if (ratePer8h >= 0) return 'mild-bull';
  if (ratePer8h >= -0.0005) return 'neutral-bear';
  return 'extreme-bear';
}
