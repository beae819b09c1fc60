/**
 * The kill switch's hands on each connected venue, for either broker: cancel every open
 * order, close every position with a reduce-only market order through the gateway (purpose
 * `kill-switch`, which the gateway admits while HALTED), and say whether the venue is flat.
 * OKX and Hyperliquid have no cancel-all, so every venue is cancelled order by order: one
 * path, and a failure names the order it stopped at. Each cancel is journalled; each close is
 * sent per pair that holds the position by the journal (so the pairs show flat afterwards),
 * any rest the journal does not account for under no pair. A spot leg is coins held, and coins
 * beyond what the pairs bought are the trader's own, not exposure the terminal opened: the
 * kill switch sells only the pairs' shares of a spot balance (docs/kill-switch.md).
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Broker } from './brokers/broker.ts';
import { killSwitchOrderId } from './clientOrderIds.ts';
import type { Gateway } from './gateway.ts';
import type { Journal } from './journal.ts';
import type { Ledger } from './ledger.ts';
import { legSizes } from './ledgerFold.ts';
import type { Flattener } from './killSwitch.ts';
import type { VenuePosition } from './brokers/broker.ts';
import { isSpotSymbol } from '../markets/spotExchange.ts';
import { isSpotDust } from './brokers/spotHoldings.ts';

export interface FlattenerOptions {
  venue: VenueId;
  broker: Broker;
  gateway: Gateway;
  journal: Journal;
  now: () => number;
}

/** How a venue position of `size` splits between the open pairs holding it (same sign), the rest under no pair. */
export function pairShares(ledger: Ledger, venue: VenueId, symbol: string, size: number): Array<{ pairId: string | null; quantity: number }> {
  let left = Math.abs(size);
  const shares: Array<{ pairId: string | null; quantity: number }> = [];
  for (const record of ledger.pairs()) {
    if (record.closedAt !== null) continue;
    const sizes = legSizes(record);
    for (const [i, leg] of record.legs.entries()) {
      if (leg.venue !== venue || leg.symbol !== symbol || Math.sign(sizes[i]) !== Math.sign(size) || left <= 1e-12) continue;
      const quantity = Math.min(left, Math.abs(sizes[i]));
      shares.push({ pairId: record.pairId, quantity });
      left -= quantity;
    }
  }
  if (left > 1e-12) shares.push({ pairId: null, quantity: left });
  return shares;
}

/**
 * What the kill switch closes of a position: every share of a perp, only the pairs' shares of a
 * spot balance, and of those none that is dust no order can sell (spotHoldings.ts).
 */
function sharesToClose(ledger: Ledger, broker: Broker, position: VenuePosition): Array<{ pairId: string | null; quantity: number }> {
  const shares = pairShares(ledger, broker.venue, position.symbol, position.size);
  if (!isSpotSymbol(position.symbol)) return shares;
  return shares.filter((share) => share.pairId !== null && !isSpotDust(broker, position.symbol, share.quantity, position.markPrice));
}

export function createFlattener(options: FlattenerOptions): Flattener {
  const { venue, broker, gateway } = options;
  let attempt = 0;
  // What this flattener did, by client id, to name any of it the journal could not write.
  const did = new Map<string, string>();
  return {
    venue,
    journalGaps() {
      const heldIds = new Set(options.journal.backlog().entries.map((entry) => entry.clientOrderId));
      return [...did].filter(([id]) => heldIds.has(id)).map(([id, what]) => `${what} (${id}): done at the venue, its journal entry held in memory until the disk has room`);
    },
    async cancelAllOrders() {
      const open = await broker.openOrders();
      for (const order of open) {
        await broker.cancelOrder(order.symbol, order.clientOrderId);
        did.set(order.clientOrderId, `${order.symbol} cancel of order`);
        await options.journal.append({
          kind: 'cancel', pairId: null, venue, symbol: order.symbol, clientOrderId: order.clientOrderId, time: options.now(),
          data: { ...order, status: 'cancelled', purpose: 'kill-switch' },
        });
      }
      return open.length;
    },
    async closeAllPositions() {
      attempt += 1;
      let closed = 0;
      for (const position of await broker.positions()) {
        const shares = position.size === 0 ? [] : sharesToClose(options.journal.ledger, broker, position);
        if (shares.length === 0) continue;
        for (const share of shares) {
          const side = position.size > 0 ? 'sell' : 'buy';
          const clientOrderId = killSwitchOrderId(venue, position.symbol, share.pairId, attempt, options.now());
          did.set(clientOrderId, `${position.symbol} ${side} ${share.quantity} reduce-only`);
          await gateway.submitOrder({ venue, symbol: position.symbol, side, quantity: share.quantity, reduceOnly: true, purpose: 'kill-switch', pairId: share.pairId, clientOrderId });
        }
        closed += 1;
      }
      return closed;
    },
    async isFlat() {
      const [positions, open] = await Promise.all([broker.positions(), broker.openOrders()]);
      return positions.every((p) => p.size === 0 || sharesToClose(options.journal.ledger, broker, p).length === 0) && open.length === 0;
    },
  };
}
