/**
 * Hyperliquid's websocket (`/ws` on the API host), as ccxt.pro hyperliquid `watchTicker`
 * subscribes: `{"method":"subscribe","subscription":{"type":"activeAssetCtx","coin":"BTC"}}`,
 * acknowledged `{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{…}}}`;
 * `{"method":"ping"}` is answered `{"channel":"pong"}`. Each subscribed coin then gets
 * `{"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{…}}}`, the context as
 * `metaAndAssetCtxs` lists it; Hyperliquid puts no time on it.
 */
import type { StreamConnection, StreamDialect } from '../ws.ts';
import { VENUE, assetContext } from './hyperliquidInfo.ts';

interface WsRequest {
  method?: unknown;
  subscription?: { type?: unknown; coin?: unknown };
}

function send(connection: StreamConnection, message: unknown): void {
  connection.socket.send(JSON.stringify(message));
}

/** Hyperliquid's `error` channel carries a sentence, not a code. */
function sendError(connection: StreamConnection, text: string): void {
  send(connection, { channel: 'error', data: text });
}

export const hyperliquidStreams: StreamDialect = {
  venue: VENUE,
  // Exactly `/ws`: Binance's stream paths (`/ws/<stream>`) share the prefix.
  owns: (path) => path === '/ws',
  onMessage(connection, text, market) {
    const request = JSON.parse(text) as WsRequest;
    if (request.method === 'ping') {
      send(connection, { channel: 'pong' });
      return;
    }
    const subscription = request.subscription;
    const coin = subscription?.coin;
    if ((request.method !== 'subscribe' && request.method !== 'unsubscribe') || subscription?.type !== 'activeAssetCtx' || typeof coin !== 'string') {
      sendError(connection, `Error parsing JSON into valid websocket request: ${text}`);
      return;
    }
    if (request.method === 'subscribe' && connection.topics.has(coin)) {
      sendError(connection, `Already subscribed: ${JSON.stringify(subscription)}`);
      return;
    }
    // The wording for a coin that is not listed is the simulator's own (Hyperliquid documents none).
    if (!market.instrument(VENUE, coin)) {
      sendError(connection, `Invalid subscription: unknown coin ${coin}`);
      return;
    }
    if (request.method === 'subscribe') connection.topics.add(coin);
    else connection.topics.delete(coin);
    send(connection, { channel: 'subscriptionResponse', data: { method: request.method, subscription } });
  },
  push(connection, market) {
    return [...connection.topics].map((coin) => ({ channel: 'activeAssetCtx', data: { coin, ctx: assetContext(market, market.instrument(VENUE, coin)!) } }));
  },
};
