/**
 * Bitget and Gate answer "all symbols" per settlement currency, not per venue: one call
 * per settle currency present among the listed perps.
 */
import type { PerpMarket } from './perpMarkets.ts';

export function settleCurrencies(markets: Map<string, PerpMarket>): string[] {
  return [...new Set([...markets.values()].map((market) => market.settle))].sort();
}

/** Merges per-settle answers (disjoint symbol sets) into one map. */
export function mergeBySymbol<T>(parts: Array<Record<string, T>>): Record<string, T> {
  return Object.assign({}, ...parts) as Record<string, T>;
}
