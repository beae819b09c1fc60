import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_PARAMS, type BacktestReport } from '../../../shared/domain/backtest.ts';
import type { RequestName, StreamName, TerminalBridge } from '../../../shared/ipc/contract.ts';
import { draftFromParams } from '../../../renderer/store/backtestForm.ts';
import { useBacktest } from '../../../renderer/store/backtestStore.ts';

/** A bridge whose `backtest.run` answers when the test says, and whose progress stream the test drives. */
function scriptedBridge() {
  const sent: Array<{ name: RequestName; input: unknown }> = [];
  const listeners = new Map<StreamName, (payload: unknown) => void>();
  let settle: { resolve(v: unknown): void; reject(e: Error): void } | null = null;
  const bridge = {
    invoke: (name: RequestName, input?: unknown) => {
      sent.push({ name, input });
      return new Promise((resolve, reject) => (settle = { resolve, reject }));
    },
    on: (name: StreamName, listener: (payload: unknown) => void) => (listeners.set(name, listener), () => listeners.delete(name)),
  } as unknown as TerminalBridge;
  return { bridge, sent, listeners, answer: (v: unknown) => settle!.resolve(v), fail: (message: string) => settle!.reject(new Error(message)) };
}

/** The store never reads into a report: its identity is what is kept or replaced. */
const report = (net: number) => ({ totals: { netUsd: net } }) as unknown as BacktestReport;

beforeEach(() => useBacktest.setState({ draft: draftFromParams(DEFAULT_BACKTEST_PARAMS), problems: {}, report: null, busy: false, progress: null, error: null }));

describe('the Backtest panel\'s store', () => {
  it('sends nothing while a field has a problem, and the problem goes when that field is edited', async () => {
    const { bridge, sent } = scriptedBridge();
    useBacktest.getState().setDraft({ leverage: '200', top: '0' });
    await useBacktest.getState().run(bridge);
    expect(sent).toEqual([]);
    expect(useBacktest.getState().problems).toEqual({ leverage: 'at most 125 ×', top: 'above 0 pairs' });
    useBacktest.getState().setDraft({ leverage: '3' });
    expect(useBacktest.getState().problems).toEqual({ top: 'above 0 pairs' });
  });

  it('shows main\'s progress only while its run goes, ignores a second Run meanwhile, and keeps the last report through a failure', async () => {
    const script = scriptedBridge();
    const first = useBacktest.getState().run(script.bridge);
    expect(script.sent).toEqual([{ name: 'backtest.run', input: DEFAULT_BACKTEST_PARAMS }]);
    expect(useBacktest.getState()).toMatchObject({ busy: true, progress: null });
    script.listeners.get('backtestProgress')!({ done: 3, total: 60, at: 1 });
    expect(useBacktest.getState().progress).toEqual({ done: 3, total: 60, at: 1 });
    await useBacktest.getState().run(script.bridge);
    expect(script.sent).toHaveLength(1);
    const kept = report(80.93);
    script.answer(kept);
    await first;
    expect(useBacktest.getState()).toMatchObject({ busy: false, progress: null, report: kept, error: null });
    expect(script.listeners.has('backtestProgress')).toBe(false);

    const second = useBacktest.getState().run(script.bridge);
    script.fail('backtest.run: backtest: no series has both funding and prices');
    await second;
    expect(useBacktest.getState()).toMatchObject({ busy: false, report: kept, error: 'backtest.run: backtest: no series has both funding and prices' });
    expect(script.listeners.has('backtestProgress')).toBe(false);
  });

  it('shows the newest read of the stored history when an earlier one answers last (two imports in a row)', async () => {
    const answers: Array<(v: unknown) => void> = [];
    const bridge = { invoke: () => new Promise((resolve) => answers.push(resolve)) } as unknown as TerminalBridge;
    const afterFunding = useBacktest.getState().loadHistory(bridge);
    const afterPrices = useBacktest.getState().loadHistory(bridge);
    answers[1]({ funding: 10, prices: 5 });
    await afterPrices;
    answers[0]({ funding: 10, prices: 0 });
    await afterFunding;
    expect(useBacktest.getState().history).toEqual({ funding: 10, prices: 5 });
  });
});
