/**
 * The depth asked of a venue's order book as ccxt takes it. ccxt's kucoinfutures reads 20 or 100
 * levels (`/api/v1/level2/depth20`, `depth100`) or the whole book (`level2/snapshot`, no limit)
 * and refuses any other limit: a depth is rounded up to the next of these (docs/venues.md,
 * "KuCoin Futures"). Every other venue takes the depth as asked.
 */
export function bookLimit(exchangeId: string, depth: number): number | undefined {
  if (exchangeId !== 'kucoinfutures') return depth;
  if (depth <= 20) return 20;
  return depth <= 100 ? 100 : undefined;
}
