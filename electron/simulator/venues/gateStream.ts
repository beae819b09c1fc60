/**
 * Gate futures websocket (`/v4/ws/usdt`), as ccxt.pro gate `watchTickers` subscribes:
 * `{"id":1,"time":…,"channel":"futures.tickers","event":"subscribe","payload":["BTC_USDT",…]}`,
 * acknowledged with the same channel, event and payload and `"result":{"status":"success"}`; a
 * contract Gate does not list fails the whole request (`"error":{"code":2,…}`). Each subscribed
 * contract then gets `{"time":…,"time_ms":…,"channel":"futures.tickers","event":"update","result":[row]}`,
 * the row being the REST ticker's fields without the book and with `t`, the push time in ms.
 * `futures.ping` is answered `futures.pong`.
 */
import type { StreamConnection, StreamDialect } from '../ws.ts';
import type { SimMarket } from '../types.ts';
import { tickerBody } from './gate.ts';
import { decimalString } from './wireDecimal.ts';

const VENUE = 'gate';
const CHANNEL = 'futures.tickers';
/** The REST row's fields the push leaves out (the book's top is on `futures.book_ticker`). */
const BOOK_FIELDS = new Set(['highest_bid', 'lowest_ask']);

interface Request {
  id?: number;
  channel?: string;
  event?: string;
  payload?: unknown[];
}

function header(market: SimMarket, request: Request): Record<string, unknown> {
  const now = market.now();
  return { time: Math.floor(now / 1000), time_ms: now, id: request.id, conn_id: 'sim', trace_id: 'sim', channel: request.channel, event: request.event };
}

function send(connection: StreamConnection, message: unknown): void {
  connection.socket.send(JSON.stringify(message));
}

function tickerRow(market: SimMarket, contract: string): Record<string, unknown> {
  const rest = tickerBody(market, market.instrument(VENUE, contract)!);
  const ticker = market.ticker(VENUE, contract);
  const row = Object.fromEntries(Object.entries(rest).filter(([field]) => !BOOK_FIELDS.has(field)));
  return { ...row, quanto_base_rate: '', price_type: 'last', change_from: '24h', change_price: decimalString(ticker.last - ticker.open24h), t: market.now() };
}

export const gateFuturesStream: StreamDialect = {
  venue: VENUE,
  owns: (path) => path.startsWith('/v4/ws/usdt'),
  onMessage(connection, text, market) {
    const request = JSON.parse(text) as Request;
    if (request.channel === 'futures.ping') {
      send(connection, { ...header(market, request), channel: 'futures.pong', event: '', result: null });
      return;
    }
    const payload = (request.payload ?? []).map(String);
    const unknown = payload.filter((contract) => !market.instrument(VENUE, contract));
    if (request.channel !== CHANNEL || (request.event !== 'subscribe' && request.event !== 'unsubscribe') || unknown.length > 0) {
      const message = request.channel === CHANNEL ? `unknown contract ${unknown.join(',')}` : `unknown channel ${String(request.channel)}`;
      send(connection, { ...header(market, request), payload, error: { code: 2, message }, result: { status: 'fail' } });
      return;
    }
    for (const contract of payload) {
      if (request.event === 'subscribe') connection.topics.add(contract);
      else connection.topics.delete(contract);
    }
    send(connection, { ...header(market, request), payload, result: { status: 'success' } });
  },
  push(connection, market) {
    const now = market.now();
    return [...connection.topics].map((contract) => ({ time: Math.floor(now / 1000), time_ms: now, channel: CHANNEL, event: 'update', result: [tickerRow(market, contract)] }));
  },
};
