import type { TradingState } from '../../../shared/ipc/contract.ts';
import type { NewJournalEntry } from './journal.ts';
import type { Ledger } from './ledger.ts';
import type { TradingStateEntryData } from './ledgerFold.ts';

/**
 * The trading state machine, enforced at the order gateway: ACTIVE accepts every order,
 * REDUCING only orders that reduce exposure, HALTED none until re-armed by hand.
 * Re-arming is the only way out of HALTED, and it needs an explicit confirmation upstream.
 *
 * Every transition is journalled before it takes effect, and a machine given the journal starts
 * in the state the journal last recorded, marked `restoredAt`: a kill switch pressed before a
 * restart (or a crash) still holds after it (docs/ledger.md).
 */
export type TradingStateName = TradingState['state'];

const ALLOWED: Record<TradingStateName, readonly TradingStateName[]> = {
  ACTIVE: ['REDUCING', 'HALTED'],
  REDUCING: ['ACTIVE', 'HALTED'],
  HALTED: ['ACTIVE'],
};

/** How much each state lets through: a transition to a lower rank tightens. */
const RANK: Record<TradingStateName, number> = { ACTIVE: 2, REDUCING: 1, HALTED: 0 };

/** Where transitions are journalled, and the ledger the machine restores its state from. */
export interface StateJournal {
  append(entry: NewJournalEntry): Promise<unknown>;
  readonly ledger: Pick<Ledger, 'tradingState'>;
}

function admitsIn(state: TradingStateName, order: { reduceOnly: boolean }): boolean {
  if (state === 'ACTIVE') return true;
  if (state === 'REDUCING') return order.reduceOnly;
  return false;
}

export class TradingStateMachine {
  #state: TradingState;
  /** A transition being journalled: until it takes effect, orders pass only if both states admit them. */
  #pending: TradingStateName | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  readonly #onChange: (state: TradingState) => void;
  readonly #journal: StateJournal | undefined;

  /**
   * Without `journal` transitions live in memory only (unit tests of the gateway); the desk
   * always passes the store's journal.
   */
  constructor(now: number, onChange: (state: TradingState) => void, journal?: StateJournal) {
    const restored = journal?.ledger.tradingState() ?? null;
    this.#state = restored === null || restored.state === 'ACTIVE'
      ? { state: 'ACTIVE', since: restored?.since ?? now, reason: restored?.reason ?? null }
      : { state: restored.state, since: restored.since, reason: restored.reason, restoredAt: now };
    this.#onChange = onChange;
    this.#journal = journal;
  }

  get current(): TradingState {
    return this.#state;
  }

  /**
   * Journals the transition, then makes it the state. Transitions run one at a time, in call
   * order. If the journal cannot be written, a tightening transition (to REDUCING or HALTED)
   * still takes effect, its reason saying it will not survive a restart; re-arming does not.
   */
  transition(to: TradingStateName, reason: string, now: number): Promise<TradingState> {
    const run = this.#chain.then(() => this.#transition(to, reason, now));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #transition(to: TradingStateName, reason: string, now: number): Promise<TradingState> {
    const from = this.#state.state;
    if (to === from) return this.#state;
    if (!ALLOWED[from].includes(to)) throw new Error(`trading state cannot go from ${from} to ${to}`);
    let said = reason;
    this.#pending = to;
    try {
      await this.#journal?.append({
        kind: 'trading-state', pairId: null, venue: null, symbol: null, clientOrderId: null, time: now,
        data: { state: to, reason } satisfies TradingStateEntryData,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (RANK[to] > RANK[from]) throw new Error(`trading state stays ${from}: the change to ${to} could not be journalled (${why})`, { cause: error });
      said = `${reason} (not journalled: ${why}; it will not survive a restart)`;
    } finally {
      this.#pending = null;
    }
    this.#state = { state: to, since: now, reason: said };
    this.#onChange(this.#state);
    return this.#state;
  }

  /** Whether an order may pass the gateway in the current state (and in one being journalled). */
  admits(order: { reduceOnly: boolean }): boolean {
    return admitsIn(this.#state.state, order) && (this.#pending === null || admitsIn(this.#pending, order));
  }
}
