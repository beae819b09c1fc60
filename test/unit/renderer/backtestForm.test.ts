import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_PARAMS } from '../../../shared/domain/backtest.ts';
import { backtestParamsOf, draftFromParams, type BacktestDraft } from '../../../renderer/store/backtestForm.ts';

const draft = (patch: Partial<BacktestDraft>): BacktestDraft => ({ ...draftFromParams(DEFAULT_BACKTEST_PARAMS), ...patch });
const problems = (patch: Partial<BacktestDraft>) => {
  const result = backtestParamsOf(draft(patch));
  return result.ok ? {} : result.problems;
};

describe('the Backtest panel\'s parameters', () => {
  it('start as the backtest\'s defaults in the trader\'s units and translate back to them exactly', () => {
    expect(draftFromParams(DEFAULT_BACKTEST_PARAMS)).toEqual({
      triggerPct: '0.06', holdHours: '72', notionalUsd: '10000', basisStopPct: '1', takeProfitPct: '0', maxLossUsd: '', leverage: '3', top: '3', from: '', to: '',
    });
    expect(backtestParamsOf(draft({}))).toEqual({ ok: true, params: DEFAULT_BACKTEST_PARAMS });
  });

  it('send percent as decimals, max loss in USD, and the days as UTC: From at its first millisecond, To through its last', () => {
    const result = backtestParamsOf(draft({ triggerPct: '0.1', basisStopPct: '2.5', takeProfitPct: '0.01', maxLossUsd: '250', from: '2021-04-10', to: '2021-04-19' }));
    expect(result).toEqual({ ok: true, params: {
      ...DEFAULT_BACKTEST_PARAMS, triggerPer8h: 0.001, basisStopPct: 0.025, takeProfitSpreadPer8h: 0.0001, maxLossUsd: 250,
      from: Date.parse('2021-04-10T00:00:00Z'), to: Date.parse('2021-04-20T00:00:00Z') - 1,
    } });
    expect(draftFromParams(result.ok ? result.params : DEFAULT_BACKTEST_PARAMS)).toMatchObject({ from: '2021-04-10', to: '2021-04-19', triggerPct: '0.1' });
  });

  it('put each problem beside its field, in its unit, and every field\'s at once', () => {
    expect(problems({ triggerPct: '6', holdHours: '0', notionalUsd: '', basisStopPct: '60', leverage: '200', top: '2.5' })).toEqual({
      triggerPct: 'at most 5 % /8h',
      holdHours: 'above 0 h',
      notionalUsd: 'required',
      basisStopPct: 'at most 50 % price gap',
      leverage: 'at most 125 ×',
      top: 'a whole number of pairs',
    });
  });

  it('say what is wrong with text, commas, bad days, a To before From and a take-profit below 0', () => {
    expect(problems({ notionalUsd: '10,000', leverage: 'three' })).toEqual({
      notionalUsd: '"10,000" is not a number (use a point for decimals)',
      leverage: '"three" is not a number',
    });
    expect(problems({ from: '10/04/2021', to: '2021-02-30' })).toEqual({
      from: '"10/04/2021" is not a day: write it as YYYY-MM-DD, e.g. 2021-04-10',
      to: '"2021-02-30" is not a day: write it as YYYY-MM-DD, e.g. 2021-04-10',
    });
    expect(problems({ from: '2021-04-10', to: '2021-04-09' })).toEqual({ to: 'on or after From' });
    expect(problems({ takeProfitPct: '-0.01' })).toEqual({ takeProfitPct: 'at least 0 % /8h: below 0 a pair would be held while it pays funding' });
    expect(problems({ maxLossUsd: '-5' })).toEqual({ maxLossUsd: 'above 0 USD (or leave it empty for the 2 % rule)' });
  });

  it('take From and To on the same day as that one day', () => {
    const result = backtestParamsOf(draft({ from: '2021-04-10', to: '2021-04-10' }));
    expect(result.ok && result.params.to! - result.params.from!).toBe(86_400_000 - 1);
  });
});
