import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { RequestOutput } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { backfillDue, newestStored } from './backfillDue.ts';

export type History = RequestOutput<'history.funding'>;
export type Backfill = RequestOutput<'history.backfill'>;

export type BackfillState =
  | { kind: 'idle' }
  | { kind: 'running'; auto: boolean }
  | { kind: 'done'; auto: boolean; result: Backfill }
  | { kind: 'failed'; message: string };

/** Days fetched by a backfill, in the background and by the button alike. */
export const BACKFILL_DAYS = 30;

/**
 * The stored history of a base, shown as soon as it is read, and a backfill of what is missing
 * run in the background: on open when a live leg has no history or misses its latest
 * settlement, and again after each settlement passes (the next one moves on in the quotes).
 * Each missing period is fetched once; the Backfill button asks again by hand.
 */
export function useSymbolHistory(base: string | null, quotes: readonly FundingQuote[]) {
  const bridge = useBridge();
  const [history, setHistory] = useState<History | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [backfill, setBackfill] = useState<BackfillState>({ kind: 'idle' });
  const current = useRef(base);
  current.current = base;
  const tried = useRef(new Set<string>());
  const running = useRef(new Set<string>());

  const load = useCallback(async (asset: string) => {
    try {
      const read = await bridge.invoke('history.funding', { base: asset });
      if (current.current === asset) { setHistory(read); setLoadError(null); }
    } catch (err) {
      if (current.current === asset) setLoadError(`Could not load the history of ${asset}: ${errorMessage(err)}`);
    }
  }, [bridge]);

  useEffect(() => {
    setHistory(null);
    setLoadError(null);
    setBackfill({ kind: 'idle' });
    tried.current = new Set();
    if (base) void load(base);
  }, [base, load]);

  const run = useCallback(async (auto: boolean) => {
    if (!base || running.current.has(base)) return;
    const asset = base;
    running.current.add(asset);
    setBackfill({ kind: 'running', auto });
    try {
      const result = await bridge.invoke('history.backfill', { base: asset, days: BACKFILL_DAYS });
      // The result shows once the chart holds what was added, in the same turn as the run ends:
      // a button enabled by 'done' while the reload was still running swallowed the next click.
      await load(asset);
      if (current.current === asset) setBackfill({ kind: 'done', auto, result });
    } catch (err) {
      if (current.current === asset) setBackfill({ kind: 'failed', message: `Backfill of ${asset} failed: ${errorMessage(err)}` });
    } finally {
      running.current.delete(asset);
    }
  }, [base, bridge, load]);

  const newest = useMemo(() => (history ? newestStored(history.funding) : null), [history]);
  const due = useMemo(() => (newest ? backfillDue(newest, quotes).join(',') : ''), [newest, quotes]);
  // Each missing settlement is tried once: a leg whose venue has not published it (or failed to
  // answer) stays due after the backfill, and must not start another one that adds nothing.
  // A backfill already in flight (the trader's, clicked before the history was read) fetches the
  // whole window up to now, so it counts as the try: otherwise a second, background run would
  // follow it at once and put its summary over the per-leg result the trader asked for.
  useEffect(() => {
    const untried = due ? due.split(',').filter((key) => !tried.current.has(key)) : [];
    if (untried.length === 0) return;
    for (const key of untried) tried.current.add(key);
    if (base && running.current.has(base)) return;
    void run(true);
  }, [due, base, run]);

  return { history, loadError, backfill, backfillNow: () => void run(false) };
}
