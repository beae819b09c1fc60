import type { Handlers } from '../../shared/ipc/contract.ts';
import type { PairStatus } from '../../shared/domain/orders.ts';

/** Pairs with a position on a venue: everything not yet closed or failed. */
const OPEN: ReadonlySet<PairStatus> = new Set(['opening', 'open', 'unhedged', 'closing']);

export async function countOpenPairs(handlers: Pick<Handlers, 'positions.list'>): Promise<number> {
  return (await handlers['positions.list'](undefined)).filter((pair) => OPEN.has(pair.status)).length;
}
