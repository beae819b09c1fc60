/**
 * Bybit v5 public linear stream (`/v5/public/linear`), as ccxt.pro bybit `watchTicker(s)`
 * subscribes: `{"op":"subscribe","args":["tickers.BTCUSDT"],"req_id":…}`, answered
 * `{"success":true,"ret_msg":"","conn_id":…,"req_id":…,"op":"subscribe"}`; `{"op":"ping"}` is
 * answered `ret_msg: "pong"`. Each topic gets one `snapshot` (the whole ticker row, as REST
 * lists it) and then `delta`s carrying only the fields Bybit sends on change (prices, funding).
 */
import type { StreamConnection, StreamDialect } from '../ws.ts';
import type { SimMarket } from '../types.ts';
import { tickerJson } from './bybitPublic.ts';

const VENUE = 'bybit';
const TOPIC = /^tickers\.([A-Z0-9]+)$/;
/** The delta's fields: what changes second to second on a linear ticker. */
const DELTA_FIELDS = ['markPrice', 'indexPrice', 'lastPrice', 'fundingRate', 'nextFundingTime', 'bid1Price', 'ask1Price'] as const;

/** Topics that already had their snapshot, per connection. */
const snapped = new WeakMap<StreamConnection, Set<string>>();
let sequence = 0;

function tickerMessage(connection: StreamConnection, topic: string, id: string, market: SimMarket): unknown {
  const instrument = market.instrument(VENUE, id);
  if (!instrument) return null;
  const row = tickerJson(instrument, market);
  const done = snapped.get(connection) ?? new Set<string>();
  snapped.set(connection, done);
  const first = !done.has(topic);
  done.add(topic);
  const data = first ? row : Object.fromEntries([['symbol', id], ...DELTA_FIELDS.map((field) => [field, row[field]])]);
  return { topic, type: first ? 'snapshot' : 'delta', data, cs: ++sequence, ts: market.now() };
}

export const bybitLinearStream: StreamDialect = {
  venue: VENUE,
  owns: (path) => path.startsWith('/v5/public/linear'),
  onMessage(connection, text) {
    const request = JSON.parse(text) as { op?: string; args?: string[]; req_id?: string };
    const reply = { success: true, ret_msg: '', conn_id: 'sim', req_id: request.req_id, op: request.op };
    if (request.op === 'ping') {
      connection.socket.send(JSON.stringify({ ...reply, ret_msg: 'pong' }));
      return;
    }
    const unknown = (request.args ?? []).filter((topic) => !TOPIC.test(topic));
    if (unknown.length > 0 || (request.op !== 'subscribe' && request.op !== 'unsubscribe')) {
      connection.socket.send(JSON.stringify({ ...reply, success: false, ret_msg: `error:handler not found,topic:${unknown.join(',')}` }));
      return;
    }
    for (const topic of request.args ?? []) {
      if (request.op === 'subscribe') connection.topics.add(topic);
      else connection.topics.delete(topic);
    }
    connection.socket.send(JSON.stringify(reply));
  },
  push(connection, market) {
    return [...connection.topics].map((topic) => tickerMessage(connection, topic, TOPIC.exec(topic)![1], market)).filter((message) => message !== null);
  },
};
