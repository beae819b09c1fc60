/**
 * The simulator's stream messages against the venues' documented or recorded pushes
 * (`test/fixtures/venues/<venue>/ws*.json`, the README there says where each comes from): a raw websocket sends the subscribe
 * message ccxt.pro sends, and the acknowledgement and the first push are compared field by
 * field (keys and JSON types, `wireShape.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Simulator } from '../../../electron/simulator/server.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { waitFor } from '../markets/simulatorHarness.ts';
import { recorded } from './recordedFixtures.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { startWireSimulator } from './wireHarness.ts';

let sim: Simulator;

beforeAll(async () => {
  sim = await startWireSimulator(['bitget', 'gate', 'hyperliquid']);
});

afterAll(async () => {
  await sim.close();
});

interface Conversation {
  /** The ack, the first push and the pong, each the first message of its kind received. */
  ack: unknown;
  push: unknown;
  pong: unknown;
}

interface Dialect {
  path: string;
  subscribe: unknown;
  isAck(message: unknown): boolean;
  ping: string;
  isPong(message: unknown): boolean;
}

/**
 * Opens the dialect's path, subscribes, pushes once the venue acknowledged, then pings. The
 * simulator's own push timer may add pushes anywhere after the ack, so messages are told apart
 * by kind, not by position.
 */
async function converse(dialect: Dialect): Promise<Conversation> {
  const socket = new WebSocket(`${sim.wsUrl}${dialect.path}`);
  const received: unknown[] = [];
  socket.on('message', (data) => {
    const text = String(data);
    try {
      received.push(JSON.parse(text));
    } catch {
      received.push(text);
    }
  });
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  socket.send(JSON.stringify(dialect.subscribe));
  await waitFor('the acknowledgement', () => received.some(dialect.isAck));
  const isPush = (message: unknown) => !dialect.isAck(message) && !dialect.isPong(message);
  sim.streams.pushAll();
  await waitFor('a push', () => received.some(isPush));
  socket.send(dialect.ping);
  await waitFor('the pong', () => received.some(dialect.isPong));
  socket.close();
  return { ack: received.find(dialect.isAck), push: received.find(isPush), pong: received.find(dialect.isPong) };
}

function pushed(venue: VenueId, fixture: string, message: unknown, allowed: Record<string, string> = {}): string[] {
  return unexplainedDifferences(recorded(venue, fixture).response, message, { allowed });
}

describe('Bitget contract ticker channel', () => {
  const arg = { instType: 'USDT-FUTURES', channel: 'ticker', instId: 'BTCUSDT' };

  it('acknowledges each arg, pushes the documented ticker row and answers the string ping with pong', async () => {
    const got = await converse({
      path: '/v2/ws/public', subscribe: { op: 'subscribe', args: [arg] }, isAck: (m) => (m as { event?: string }).event === 'subscribe',
      ping: 'ping', isPong: (m) => m === 'pong',
    });
    expect(got.ack).toEqual({ event: 'subscribe', arg });
    expect(pushed('bitget', 'wsTicker', got.push)).toEqual([]);
  });
});

describe('Gate futures.tickers channel', () => {
  const request = { id: 1, time: 1_700_000_000, channel: 'futures.tickers', event: 'subscribe', payload: ['BTC_USDT'] };

  it('acknowledges the request, pushes the recorded ticker row and answers futures.ping with futures.pong', async () => {
    const got = await converse({
      path: '/v4/ws/usdt', subscribe: request, isAck: (m) => (m as { event?: string }).event === 'subscribe',
      ping: JSON.stringify({ time: 1_700_000_000, channel: 'futures.ping' }), isPong: (m) => (m as { channel?: string }).channel === 'futures.pong',
    });
    expect(got.ack).toMatchObject({ id: 1, channel: 'futures.tickers', event: 'subscribe', payload: ['BTC_USDT'], result: { status: 'success' } });
    expect(pushed('gate', 'wsTicker', got.push)).toEqual([]);
  });
});

describe('Hyperliquid activeAssetCtx channel', () => {
  const subscription = { type: 'activeAssetCtx', coin: 'BTC' };

  it('acknowledges with a subscriptionResponse, pushes the documented asset context and answers a ping with pong', async () => {
    const got = await converse({
      path: '/ws', subscribe: { method: 'subscribe', subscription }, isAck: (m) => (m as { channel?: string }).channel === 'subscriptionResponse',
      ping: JSON.stringify({ method: 'ping' }), isPong: (m) => (m as { channel?: string }).channel === 'pong',
    });
    expect(got.ack).toEqual({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription } });
    expect(pushed('hyperliquid', 'wsActiveAssetCtx', got.push, {
      'extra $.data.ctx.dayBaseVlm': "Hyperliquid's perp asset context lists it (as metaAndAssetCtxs rows carry it); ccxt's quoted example leaves it out, and the terminal does not read it",
    })).toEqual([]);
  });
});
