/**
 * A deliberately wrong conversion between the gateway and one venue's real broker, for the
 * run-time holdings check (docs/units.md, "Checked at run time"). Opening orders on `symbol`
 * go out `factor` times what was asked (a contract size or a `1000` prefix applied twice) and
 * their answers come back divided by it, so the journal records what the ticket approved.
 * - `sent`: only opening orders are wrong; the venue's positions are read as they are (the
 *   venue holds `factor` × what the journal knows);
 * - `sent-and-read`: a contract size wrong both ways: every order (reduce-only too) goes out
 *   `factor` times, positions are read back divided by it, so only the venue's own USD value
 *   can tell;
 * - `multiplier`: a base-name multiplier wrong both ways, in the amount and in the price per
 *   coin: as `sent-and-read`, and the mark per coin is read `factor` times too, so each leg's
 *   coins × mark equal the venue's value and only the other leg's value can tell.
 */
import type { Order } from '../../../shared/domain/orders.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';

export type Misconversion = 'sent' | 'sent-and-read' | 'multiplier';

export function misconverting(inner: Broker, symbol: string, factor: number, kind: Misconversion): Broker {
  const symmetric = kind !== 'sent';
  const back = (order: Order): Order => ({ ...order, quantity: order.quantity / factor, filled: order.filled / factor });
  const wrong = new Set<string>();
  return {
    venue: inner.venue,
    mode: inner.mode,
    setLeverage: (s, leverage, marginMode) => inner.setLeverage(s, leverage, marginMode),
    accountMarginMode: (s) => inner.accountMarginMode(s),
    async createOrder(request) {
      if (request.symbol !== symbol || (request.reduceOnly && !symmetric)) return inner.createOrder(request);
      wrong.add(request.clientOrderId);
      return back(await inner.createOrder({ ...request, quantity: request.quantity * factor }));
    },
    cancelOrder: (s, id) => inner.cancelOrder(s, id),
    async fetchOrderByClientId(s, id) {
      const order = await inner.fetchOrderByClientId(s, id);
      return order !== null && wrong.has(id) ? back(order) : order;
    },
    openOrders: () => inner.openOrders(),
    async positions() {
      const held = await inner.positions();
      const mark = kind === 'multiplier' ? factor : 1;
      return symmetric ? held.map((p) => (p.symbol === symbol ? { ...p, size: p.size / factor, markPrice: p.markPrice * mark } : p)) : held;
    },
    balances: () => inner.balances(),
    fundingPayments: (s, since) => inner.fundingPayments(s, since),
    orderBook: (s, depth) => inner.orderBook(s, depth),
    marketInfo: (s) => inner.marketInfo(s),
    accountFee: () => inner.accountFee(),
    units: (s) => inner.units(s),
    lot: (s) => inner.lot(s),
    close: () => inner.close(),
  };
}
