import type { Publish, StreamName, StreamPayload } from '../../../shared/ipc/contract.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert, SignalsBatch } from '../../../shared/domain/signals.ts';
import { mergeSignals, quoteKey, streamMerge } from '../../../shared/ipc/streamRules.ts';

/**
 * Coalesces stream traffic so the renderer receives at most one batch per stream per frame.
 * The frame starts at the first publish after a quiet spell (sent on the next tick, so that a
 * synchronous burst is still one batch), not a frame later: an idle terminal adds no delay.
 * Each stream folds by its rule in `shared/ipc/streamRules.ts` (quotes by venue/symbol, signal
 * batches by base, alerts accumulate, the rest keep the latest). A burst of venue answers thus
 * costs the renderer one store update, not one per venue.
 */
export interface StreamBatcher {
  publish: Publish;
  flush(): void;
  stop(): void;
}

interface Pending {
  quotes: Map<string, FundingQuote>;
  signals: SignalsBatch | null;
  alerts: Alert[];
  latest: Map<StreamName, unknown>;
}

export function createStreamBatcher(send: Publish, frameMs = 16, now: () => number = () => performance.now()): StreamBatcher {
  let pending: Pending = emptyPending();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastFlush = Number.NEGATIVE_INFINITY;

  const flush = () => {
    timer = null;
    lastFlush = now();
    const batch = pending;
    pending = emptyPending();
    if (batch.quotes.size > 0) send('quotes', [...batch.quotes.values()]);
    if (batch.signals) send('signals', batch.signals);
    if (batch.alerts.length > 0) send('alerts', batch.alerts);
    for (const [name, payload] of batch.latest) send(name, payload as StreamPayload<typeof name>);
  };

  const publish: Publish = (name, payload) => {
    const rule = streamMerge[name];
    if (rule === 'by-key') {
      for (const q of payload as FundingQuote[]) pending.quotes.set(quoteKey(q), q);
    } else if (rule === 'signals') {
      pending.signals = mergeSignals(pending.signals, payload as SignalsBatch);
    } else if (rule === 'append') {
      pending.alerts.push(...(payload as Alert[]));
    } else {
      pending.latest.set(name, payload);
    }
    timer ??= setTimeout(flush, Math.max(0, lastFlush + frameMs - now()));
  };

  return {
    publish,
    flush: () => {
      if (timer) clearTimeout(timer);
      flush();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function emptyPending(): Pending {
  return { quotes: new Map(), signals: null, alerts: [], latest: new Map() };
}
