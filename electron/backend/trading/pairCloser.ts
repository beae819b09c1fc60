/**
 * Closing a pair: reduce-only market orders for every open leg, sent through the gateway as a
 * pair intent like any ticket, so the trading state rules apply to it as to every close
 * (REDUCING admits it, HALTED refuses it). One pair is closed by one caller at a time. An
 * exit that closes retries a refused or failed close with a bounded back-off; a close that
 * leaves one leg open has been journalled UNHEDGED by the execution (docs/exits.md).
 */
import type { Pair, PairExecutionResult } from '../../../shared/domain/orders.ts';
import type { Gateway } from './gateway.ts';
import type { Journal } from './journal.ts';

export interface PairCloserOptions {
  pairs: () => Promise<Pair[]>;
  gateway: Gateway;
  journal: Journal;
}

/** What one close attempt did, and whether every leg of the pair is flat after it. */
export interface CloseAttempt {
  result: PairExecutionResult;
  flat: boolean;
}

export interface PairCloser {
  /** One attempt; `reason` goes into the `pair-closed` entry. Throws when the pair is unknown, flat already, or being closed. */
  close(pairId: string, reason?: string): Promise<CloseAttempt>;
}

/** The pair has no open leg: there is nothing to send. */
export class NothingToClose extends Error {
  constructor(pairId: string) {
    super(`pair ${pairId}: nothing left to close`);
    this.name = 'NothingToClose';
  }
}

export function createPairCloser(options: PairCloserOptions): PairCloser {
  const closing = new Set<string>();

  async function attempt(pair: Pair, reason: string | undefined): Promise<CloseAttempt> {
    const legs = pair.legs.filter((leg) => leg.size !== 0).map((leg) => ({
      venue: leg.venue, symbol: leg.symbol, side: leg.size > 0 ? 'sell' as const : 'buy' as const, quantity: Math.abs(leg.size), reduceOnly: true,
    }));
    if (legs.length === 0) throw new NothingToClose(pair.pairId);
    // Each attempt is a new intent with its own ticket id, so its client order ids are new too.
    const closes = options.journal.ledger.pair(pair.pairId)?.intents ?? 0;
    const result = await options.gateway.submitPair({
      ticketId: `${pair.ticketId}-close${closes}`, pairId: pair.pairId, legs, legOrder: 'together', legTimeoutMs: 10_000, checklist: { close: true }, override: null,
    });
    const after = (await options.pairs()).find((p) => p.pairId === pair.pairId)!;
    // Legs that filled equally but only in part are still hedged, and not closed.
    const flat = after.legs.every((leg) => leg.size === 0);
    if (result.status === 'hedged' && flat) {
      await options.journal.append({
        kind: 'pair-closed', pairId: pair.pairId, venue: null, symbol: null, clientOrderId: null,
        data: { net: after.net, legs: after.legs, ...(reason === undefined ? {} : { reason }) },
      });
    }
    return { result, flat };
  }

  return {
    async close(pairId, reason) {
      if (closing.has(pairId)) throw new Error(`pair ${pairId}: a close is already under way; wait for its result`);
      const pair = (await options.pairs()).find((p) => p.pairId === pairId);
      if (!pair) throw new Error(`pair ${pairId}: not in the journal`);
      closing.add(pairId);
      try {
        return await attempt(pair, reason);
      } finally {
        closing.delete(pairId);
      }
    },
  };
}

/** Pauses between close attempts of an exit: 1, 2, 4 and 8 s, so five attempts within about 15 s. */
export const CLOSE_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

export interface CloseOutcome {
  /** closed: flat on every venue; refused: the trading state let no close through; open: legs remain. */
  status: 'closed' | 'refused' | 'open';
  attempts: number;
  /** The last attempt's words (the venue's refusal, the gateway's reason). */
  last: string;
}

export interface RetryOptions {
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Closes until flat, at most `delaysMs.length + 1` attempts. A refusal by the trading state is
 * not retried: HALTED stays HALTED until a person re-arms it.
 */
export async function closeWithRetry(closer: PairCloser, pairId: string, reason: string, options: RetryOptions = {}): Promise<CloseOutcome> {
  const delays = options.delaysMs ?? CLOSE_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt += 1) {
    const last = await attemptOnce(closer, pairId, reason);
    if (last.done !== null) return { status: last.done, attempts: attempt, last: last.message };
    if (attempt > delays.length) return { status: 'open', attempts: attempt, last: last.message };
    await sleep(delays[attempt - 1]);
  }
}

/** One attempt, its words, and whether it settles the matter (flat, or refused by the trading state). */
async function attemptOnce(closer: PairCloser, pairId: string, reason: string): Promise<{ done: 'closed' | 'refused' | null; message: string }> {
  try {
    const { result, flat } = await closer.close(pairId, reason);
    return { done: flat ? 'closed' : result.status === 'refused' ? 'refused' : null, message: result.message };
  } catch (error) {
    if (error instanceof NothingToClose) return { done: 'closed', message: error.message };
    return { done: null, message: error instanceof Error ? error.message : String(error) };
  }
}
