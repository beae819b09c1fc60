/**
 * Position size from the 2 % rule (docs/domain.md §4): the loss if the basis stop is hit must not
 * exceed `maxRiskPct` of equity. That loss is the stop's adverse move on the notional plus
 * what the trade costs in and out (fees both ways, slippage, any margin transfer), because
 * a stopped-out trade pays all of it.
 */

export interface StopLoss {
  notional: number;
  basisStopPct: number;
  costsUsd: number;
}

export function lossAtStop({ notional, basisStopPct, costsUsd }: StopLoss): number {
  return notional * basisStopPct + costsUsd;
}

export interface RiskSizing {
  equity: number;
  maxRiskPct: number;
  price: number;
  basisStopPct: number;
  /** Variable costs as a fraction of notional (fees open+close of both legs, slippage). */
  costFraction: number;
  /** Costs that do not grow with size (margin transfer fees). */
  fixedCostUsd: number;
}

/** Largest base quantity whose loss at the stop stays within the risk budget (0 when none does). */
export function riskSizedQuantity(s: RiskSizing): number {
  const budget = s.equity * s.maxRiskPct - s.fixedCostUsd;
  const perUnit = s.price * (s.basisStopPct + s.costFraction);
  if (!(budget > 0) || !(perUnit > 0)) return 0;
  return budget / perUnit;
}

export function riskPct(loss: number, equity: number): number {
  return equity > 0 ? loss / equity : Infinity;
}
