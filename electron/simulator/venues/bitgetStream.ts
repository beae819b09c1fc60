/**
 * Bitget v2 public websocket (`/v2/ws/public`), as ccxt.pro bitget `watchTickers` subscribes:
 * `{"op":"subscribe","args":[{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},…]}`,
 * each arg acknowledged `{"event":"subscribe","arg":{…}}`; the string `ping` is answered `pong`.
 * Each subscribed contract then gets `{"action":"snapshot","arg":{…},"data":[row],"ts":…}`,
 * the row being the REST ticker's fields plus `nextFundingTime`, as Bitget documents the
 * contract ticker channel.
 */
import type { StreamConnection, StreamDialect } from '../ws.ts';
import type { SimMarket } from '../types.ts';
import { SETTLE_BY_PRODUCT, tickerBody } from './bitget.ts';

const VENUE = 'bitget';
/** Bitget's code for a channel or instrument it does not have. */
const NO_SUCH_CHANNEL = 30001;

interface Arg {
  instType?: unknown;
  channel?: unknown;
  instId?: unknown;
}

function send(connection: StreamConnection, message: unknown): void {
  connection.socket.send(JSON.stringify(message));
}

function listed(market: SimMarket, arg: Arg): boolean {
  const settle = typeof arg.instType === 'string' ? SETTLE_BY_PRODUCT[arg.instType] : undefined;
  const instrument = typeof arg.instId === 'string' ? market.instrument(VENUE, arg.instId) : undefined;
  return arg.channel === 'ticker' && instrument !== undefined && instrument.settle === settle;
}

/** The channel's row: the fields Bitget's contract ticker push carries, stamped now. */
function tickerRow(market: SimMarket, instId: string): Record<string, unknown> {
  const rest = tickerBody(market, market.instrument(VENUE, instId)!);
  const funding = market.funding(VENUE, instId);
  const fields = ['lastPr', 'bidPr', 'askPr', 'bidSz', 'askSz', 'open24h', 'high24h', 'low24h', 'change24h', 'fundingRate', 'markPrice', 'indexPrice', 'holdingAmount', 'baseVolume', 'quoteVolume', 'openUtc'];
  return {
    instId, ...Object.fromEntries(fields.map((field) => [field, rest[field]])), nextFundingTime: String(funding.nextFundingTime),
    symbolType: '1', symbol: instId, deliveryPrice: '0', ts: String(market.now()),
  };
}

export const bitgetPublicStream: StreamDialect = {
  venue: VENUE,
  owns: (path) => path.startsWith('/v2/ws/public'),
  onMessage(connection, text, market) {
    if (text === 'ping') {
      connection.socket.send('pong');
      return;
    }
    const request = JSON.parse(text) as { op?: string; args?: Arg[] };
    for (const arg of request.args ?? []) {
      if (!listed(market, arg) || (request.op !== 'subscribe' && request.op !== 'unsubscribe')) {
        send(connection, { event: 'error', arg, code: NO_SUCH_CHANNEL, msg: `instType:${String(arg.instType)},channel:${String(arg.channel)},instId:${String(arg.instId)} doesn't exist`, op: request.op });
        continue;
      }
      const topic = `${String(arg.instType)}:${String(arg.instId)}`;
      if (request.op === 'subscribe') connection.topics.add(topic);
      else connection.topics.delete(topic);
      send(connection, { event: request.op, arg });
    }
  },
  push(connection, market) {
    return [...connection.topics].map((topic) => {
      const [instType, instId] = topic.split(':');
      return { action: 'snapshot', arg: { instType, channel: 'ticker', instId }, data: [tickerRow(market, instId)], ts: market.now() };
    });
  },
};
