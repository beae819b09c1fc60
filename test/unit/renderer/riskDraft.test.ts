/** Settings → Risk as typed: the maximum slippage a new ticket starts at, in percent, checked in its unit before it is saved. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, RiskSettingsPatchSchema } from '../../../shared/domain/ticket.ts';
import { riskDraftOf, riskPatchOf, riskProblem } from '../../../renderer/features/settings/RiskSection.tsx';

const draft = riskDraftOf(DEFAULT_RISK_SETTINGS);

describe('the max slippage in Settings', () => {
  it('shows the stored fraction in percent and saves what is typed back as a fraction main accepts', () => {
    expect(draft.maxSlippagePct).toBe('0.5');
    const patch = riskPatchOf({ ...draft, maxSlippagePct: '0.3' });
    expect(patch.maxSlippagePct).toBeCloseTo(0.003, 12);
    expect(RiskSettingsPatchSchema.safeParse(patch).success).toBe(true);
    expect(riskProblem(draft)).toBeNull();
  });

  it('a value outside above 0 … 10 %, or none, is refused before saving, in its unit', () => {
    expect(riskProblem({ ...draft, maxSlippagePct: '15' })).toBe('Max slippage: at most 10 % beyond the best price');
    expect(riskProblem({ ...draft, maxSlippagePct: '0' })).toBe('Max slippage: above 0 % beyond the best price');
    expect(riskProblem({ ...draft, maxSlippagePct: ' ' })).toBe('Max slippage: required');
  });

  it('is said beside the exits\' problems, one sentence each', () => {
    expect(riskProblem({ ...draft, maxSlippagePct: '15', exits: { ...draft.exits, basisStopPct: '60' } }))
      .toBe('Max slippage: at most 10 % beyond the best price; Default basis stop: at most 50 % price gap');
  });
});
