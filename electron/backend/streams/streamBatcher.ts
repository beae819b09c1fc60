import type { Publish, StreamName, StreamPayload } from '../../../shared/ipc/contract.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert, SignalsBatch } from '../../../shared/domain/signals.ts';

/**
 * Coalesces stream traffic so the renderer receives at most one batch per stream per frame.
 * The frame starts at the first publish after a quiet spell (sent on the next tick, so that a
 * synchronous burst is still one batch), not a frame later: an idle terminal adds no delay.
 * Quotes merge by venue/symbol (the newest wins), signal batches merge by base, health and
 * trading state keep only the latest value, alerts accumulate. A burst of venue answers thus
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
    if (name === 'quotes') {
      for (const q of payload as FundingQuote[]) pending.quotes.set(`${q.venue}|${q.symbol}`, q);
    } else if (name === 'signals') {
      pending.signals = mergeSignals(pending.signals, payload as SignalsBatch);
    } else if (name === 'alerts') {
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

/** Folds a newer batch into an older one; a full batch supersedes everything before it. */
export function mergeSignals(older: SignalsBatch | null, newer: SignalsBatch): SignalsBatch {
  if (!older || newer.full) return newer;
  const rows = new Map(older.upserts.map((o) => [o.base, o]));
  const removed = new Set(older.removed);
  for (const base of newer.removed) {
    rows.delete(base);
    removed.add(base);
  }
  for (const row of newer.upserts) {
    rows.set(row.base, row);
    removed.delete(row.base);
  }
  return { full: older.full, upserts: [...rows.values()], removed: older.full ? [] : [...removed], summary: newer.summary };
}
