import type { AssetAlertRule } from '../../../shared/domain/settings.ts';

/** The largest limit Settings accepts, in % per 8 h (the schema's 0.05 as a decimal). */
const MAX_LIMIT_PCT = 5;

export type LimitParse = { ok: true; value: number | undefined } | { ok: false; problem: string };

/** The extreme-rate limit typed in % per 8 h, as a decimal; empty means the global limit. */
export function parseLimitPct(text: string): LimitParse {
  const trimmed = text.trim().replace(/\s*%$/, '');
  if (trimmed === '') return { ok: true, value: undefined };
  const pct = Number(trimmed.replace(',', '.'));
  if (!Number.isFinite(pct) || pct <= 0 || pct > MAX_LIMIT_PCT) {
    return { ok: false, problem: `The limit is a percentage per 8 h above 0 and at most ${MAX_LIMIT_PCT} % (e.g. 0.3 for 0.3 %), or empty for the global limit` };
  }
  return { ok: true, value: pct / 100 };
}

/** `rules` with `rule` in place of the asset's old one (one rule per asset), sorted by asset; a rule that says nothing is removed. */
export function upsertRule(rules: readonly AssetAlertRule[], rule: AssetAlertRule): AssetAlertRule[] {
  const others = rules.filter((r) => r.base !== rule.base);
  const kept: AssetAlertRule = {
    base: rule.base,
    ...(rule.extremeRatePer8h !== undefined ? { extremeRatePer8h: rule.extremeRatePer8h } : {}),
    ...(rule.muted ? { muted: true } : {}),
  };
  const says = kept.extremeRatePer8h !== undefined || kept.muted === true;
  return [...others, ...(says ? [kept] : [])].sort((a, b) => a.base.localeCompare(b.base));
}
