/**
 * Exposure in funding-arbitrage positions (docs/domain.md §4: never more than 20 % of the
 * portfolio in total). A hedged pair's exposure is the notional of one leg: the two legs
 * offset in price, and that one-leg notional is what a basis blow-out acts on.
 */

export interface ExposureCheck {
  currentUsd: number;
  afterUsd: number;
  /** afterUsd / equity. */
  afterPct: number;
  capPct: number;
  /** Notional the cap still allows for new trades (0 when already at or over it). */
  roomUsd: number;
}

export function exposureAfter(currentUsd: number, tradeNotional: number, equity: number, capPct: number): ExposureCheck {
  const afterUsd = currentUsd + tradeNotional;
  return {
    currentUsd,
    afterUsd,
    afterPct: equity > 0 ? afterUsd / equity : Infinity,
    capPct,
    roomUsd: Math.max(0, equity * capPct - currentUsd),
  };
}
