import type { TradingState } from '../../../shared/ipc/contract.ts';

/**
 * The trading state machine, enforced at the order gateway: ACTIVE accepts every order,
 * REDUCING only orders that reduce exposure, HALTED none until re-armed by hand.
 * Re-arming is the only way out of HALTED, and it needs an explicit confirmation upstream.
 */
export type TradingStateName = TradingState['state'];

const ALLOWED: Record<TradingStateName, readonly TradingStateName[]> = {
  ACTIVE: ['REDUCING', 'HALTED'],
  REDUCING: ['ACTIVE', 'HALTED'],
  HALTED: ['ACTIVE'],
};

export class TradingStateMachine {
  #state: TradingState;
  readonly #onChange: (state: TradingState) => void;

  constructor(now: number, onChange: (state: TradingState) => void) {
    this.#state = { state: 'ACTIVE', since: now, reason: null };
    this.#onChange = onChange;
  }

  get current(): TradingState {
    return this.#state;
  }

  transition(to: TradingStateName, reason: string, now: number): TradingState {
    if (to === this.#state.state) return this.#state;
    if (!ALLOWED[this.#state.state].includes(to)) {
      throw new Error(`trading state cannot go from ${this.#state.state} to ${to}`);
    }
    this.#state = { state: to, since: now, reason };
    this.#onChange(this.#state);
    return this.#state;
  }

  /** Whether an order may pass the gateway in the current state. */
  admits(order: { reduceOnly: boolean }): boolean {
    if (this.#state.state === 'ACTIVE') return true;
    if (this.#state.state === 'REDUCING') return order.reduceOnly;
    return false;
  }
}
