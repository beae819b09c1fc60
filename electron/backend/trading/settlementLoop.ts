/**
 * The desk's clock: wakes just after the next funding settlement of any quoted symbol (and at
 * least every `maxWaitMs`, so exits such as the basis stop are checked between settlements),
 * then runs one pass: settle paper ledgers, check exits, publish positions. Passes never
 * overlap; a failed pass is reported and the loop goes on.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

export interface SettlementLoopOptions {
  quotes: () => readonly FundingQuote[];
  now: () => number;
  pass: () => Promise<void>;
  onError: (error: unknown) => void;
  maxWaitMs?: number;
  /** After a settlement the venue needs a moment before its new rate and the payment show. */
  settleLagMs?: number;
}

export interface SettlementLoop {
  start(): void;
  stop(): Promise<void>;
}

/** Milliseconds until just after the next settlement in `quotes`, bounded to [1 s, maxWaitMs]. */
export function delayToNextSettlement(quotes: readonly FundingQuote[], now: number, maxWaitMs: number, lagMs: number): number {
  let next = Infinity;
  for (const quote of quotes) {
    if (quote.nextFundingTime !== null && quote.nextFundingTime > now && quote.nextFundingTime < next) next = quote.nextFundingTime;
  }
  return Math.max(1_000, Math.min(maxWaitMs, next - now + lagMs));
}

export function createSettlementLoop(options: SettlementLoopOptions): SettlementLoop {
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  function schedule(): void {
    if (stopped) return;
    const delay = delayToNextSettlement(options.quotes(), options.now(), maxWaitMs, options.settleLagMs ?? 2_000);
    timer = setTimeout(() => {
      running = options.pass().catch(options.onError).finally(() => {
        running = null;
        schedule();
      });
    }, delay);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running;
    },
  };
}
