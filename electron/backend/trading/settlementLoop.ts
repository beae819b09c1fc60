/**
 * The desk's clocks. A pass loop runs one pass, waits, runs the next; passes never overlap and
 * a failed pass is reported and the loop goes on. The settlement loop wakes just after the
 * next funding settlement of any quoted symbol (and at least every `maxWaitMs`) to settle
 * paper ledgers and journal funding; the exit loop checks exits on its own, shorter cadence.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

export interface PassLoopOptions {
  /** How long to wait before the next pass, asked afresh after each one. */
  delayMs: () => number;
  pass: () => Promise<void>;
  onError: (error: unknown) => void;
}

export interface SettlementLoopOptions {
  quotes: () => readonly FundingQuote[];
  now: () => number;
  pass: () => Promise<void>;
  onError: (error: unknown) => void;
  maxWaitMs?: number;
  /** After a settlement the venue needs a moment before its new rate and the payment show. */
  settleLagMs?: number;
}

export interface PassLoop {
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

export function createPassLoop(options: PassLoopOptions): PassLoop {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options.pass().catch(options.onError).finally(() => {
        running = null;
        schedule();
      });
    }, options.delayMs());
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

export function createSettlementLoop(options: SettlementLoopOptions): PassLoop {
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  return createPassLoop({
    delayMs: () => delayToNextSettlement(options.quotes(), options.now(), maxWaitMs, options.settleLagMs ?? 2_000),
    pass: options.pass,
    onError: options.onError,
  });
}
