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

/** Opens `path`, sends `subscribe`, pushes once the venue acknowledged, pings, and returns every message received (parsed where JSON). */
async function subscribed(path: string, subscribe: unknown, acknowledged: (message: unknown) => boolean, ping: string): Promise<unknown[]> {
  const socket = new WebSocket(`${sim.wsUrl}${path}`);
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
  socket.send(JSON.stringify(subscribe));
  await waitFor('the acknowledgement', () => received.some(acknowledged));
  const count = received.length;
  sim.streams.pushAll();
  await waitFor('a push', () => received.length > count);
  socket.send(ping);
  await waitFor('the pong', () => received.length > count + 1);
  socket.close();
  return received;
}

function pushed(venue: VenueId, fixture: string, message: unknown, allowed: Record<string, string> = {}): string[] {
  return unexplainedDifferences(recorded(venue, fixture).response, message, { allowed });
}

describe('Bitget contract ticker channel', () => {
  const arg = { instType: 'USDT-FUTURES', channel: 'ticker', instId: 'BTCUSDT' };

  it('acknowledges each arg, pushes the documented ticker row and answers the string ping with pong', async () => {
    const received = await subscribed('/v2/ws/public', { op: 'subscribe', args: [arg] }, (m) => (m as { event?: string }).event === 'subscribe', 'ping');
    expect(received[0]).toEqual({ event: 'subscribe', arg });
    expect(pushed('bitget', 'wsTicker', received[1])).toEqual([]);
    expect(received[2]).toBe('pong');
  });
});

describe('Gate futures.tickers channel', () => {
  const request = { id: 1, time: 1_700_000_000, channel: 'futures.tickers', event: 'subscribe', payload: ['BTC_USDT'] };

  it('acknowledges the request, pushes the recorded ticker row and answers futures.ping with futures.pong', async () => {
    const received = await subscribed('/v4/ws/usdt', request, (m) => (m as { event?: string }).event === 'subscribe', JSON.stringify({ time: 1_700_000_000, channel: 'futures.ping' }));
    expect(received[0]).toMatchObject({ id: 1, channel: 'futures.tickers', event: 'subscribe', payload: ['BTC_USDT'], result: { status: 'success' } });
    expect(pushed('gate', 'wsTicker', received[1])).toEqual([]);
    expect(received[2]).toMatchObject({ channel: 'futures.pong' });
  });
});

describe('Hyperliquid activeAssetCtx channel', () => {
  const subscription = { type: 'activeAssetCtx', coin: 'BTC' };

  it('acknowledges with a subscriptionResponse, pushes the documented asset context and answers a ping with pong', async () => {
    const received = await subscribed('/ws', { method: 'subscribe', subscription }, (m) => (m as { channel?: string }).channel === 'subscriptionResponse', JSON.stringify({ method: 'ping' }));
    expect(received[0]).toEqual({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription } });
    expect(pushed('hyperliquid', 'wsActiveAssetCtx', received[1], {
      'extra $.data.ctx.dayBaseVlm': "Hyperliquid's perp asset context lists it (as metaAndAssetCtxs rows carry it); ccxt's quoted example leaves it out, and the terminal does not read it",
    })).toEqual([]);
    expect(received[2]).toEqual({ channel: 'pong' });
  });
});
