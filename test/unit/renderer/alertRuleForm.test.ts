/** Per-asset alert rules as typed on the Alerts screen (docs/screens.md, "Alerts"): the limit in % per 8 h, one rule per asset. */
import { describe, expect, it } from 'vitest';
import { parseLimitPct, upsertRule } from '../../../renderer/features/alerts/alertRuleForm.ts';

describe('alert rule form', () => {
  it('reads the limit in % per 8 h as a decimal; empty is the global limit; out of range is said in the field\'s unit', () => {
    expect(parseLimitPct('0.3')).toEqual({ ok: true, value: 0.003 });
    expect(parseLimitPct(' 0,25 % ')).toEqual({ ok: true, value: 0.0025 });
    expect(parseLimitPct('')).toEqual({ ok: true, value: undefined });
    for (const bad of ['0', '-0.1', '9', 'abc']) {
      expect(parseLimitPct(bad)).toEqual({ ok: false, problem: 'The limit is a percentage per 8 h above 0 and at most 5 % (e.g. 0.3 for 0.3 %), or empty for the global limit' });
    }
  });

  it('keeps one rule per asset, sorted, and drops a rule that says nothing', () => {
    const rules = upsertRule([{ base: 'WIF', muted: true }], { base: 'ENA', extremeRatePer8h: 0.003 });
    expect(rules).toEqual([{ base: 'ENA', extremeRatePer8h: 0.003 }, { base: 'WIF', muted: true }]);
    expect(upsertRule(rules, { base: 'WIF', extremeRatePer8h: 0.002 })).toEqual([{ base: 'ENA', extremeRatePer8h: 0.003 }, { base: 'WIF', extremeRatePer8h: 0.002 }]);
    expect(upsertRule(rules, { base: 'WIF', muted: undefined })).toEqual([{ base: 'ENA', extremeRatePer8h: 0.003 }]);
  });
});
