/**
 * ccxt clients built exactly as the live broker builds them (same options, credentials,
 * loopback URL), with every raw answer kept by request path: the tests compare what the
 * simulator put on the wire, not what ccxt made of it.
 */
import type { Exchange } from 'ccxt';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials, optionsFor } from '../../../electron/backend/markets/accountOptions.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { credentialsFor } from '../trading/harness.ts';

export interface WireClient {
  exchange: Exchange;
  /** The last raw (parsed JSON) answer per `METHOD /path`. */
  answers: Map<string, unknown>;
  /** The raw answer of the last `method path` request; throws when none was made. */
  answer(method: string, path: string): unknown;
}

type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

export function wireClient(sim: { url: string }, venue: VenueId): WireClient {
  const exchange = createExchange(venue, optionsFor(venue, true), { baseUrl: sim.url, timeoutMs: 3_000 });
  const credentials = credentialsFor(venue);
  Object.assign(exchange, ccxtCredentials(venue, credentials));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return capturingClient(exchange, venue);
}

/** The venue's spot exchange as both brokers open it (spotExchange.ts), signed with the test key. */
export function spotWireClient(sim: { url: string }, venue: VenueId): WireClient {
  const exchange = createSpotExchange(venue, { baseUrl: sim.url, timeoutMs: 3_000 });
  Object.assign(exchange, ccxtCredentials(venue, credentialsFor(venue)));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return capturingClient(exchange, `${venue} spot`);
}

/** Keeps every raw answer `exchange` receives, by request path. */
export function capturingClient(exchange: Exchange, label: string): WireClient {
  const answers = new Map<string, unknown>();
  const fetch = (exchange.fetch as Fetch).bind(exchange);
  exchange.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    const parsed = await fetch(url, method, headers, body);
    // A copy: ccxt edits some answers in place after reading them (Bybit's page cursor).
    answers.set(`${method} ${new URL(url).pathname}`, structuredClone(parsed));
    return parsed;
  }) as Exchange['fetch'];
  return {
    exchange, answers,
    answer(method, path) {
      const key = `${method} ${path}`;
      if (!answers.has(key)) throw new Error(`${label}: no ${key} was sent (sent: ${[...answers.keys()].join(', ') || 'nothing'})`);
      return answers.get(key);
    },
  };
}

/**
 * A spot client built as the live broker builds its spot exchange, keeping the raw answers and
 * every JSON body POSTed to a path `sent` accepts (a batch's items one by one).
 */
export function spotClientKeepingBodies(sim: { url: string }, venue: VenueId, sent: (path: string) => boolean): { client: WireClient; bodies: Array<Record<string, unknown>> } {
  const exchange = createSpotExchange(venue, { baseUrl: sim.url, timeoutMs: 3_000 });
  Object.assign(exchange, ccxtCredentials(venue, credentialsFor(venue)));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  const bodies: Array<Record<string, unknown>> = [];
  const fetch = (exchange.fetch as Fetch).bind(exchange);
  exchange.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    if (method === 'POST' && sent(new URL(url).pathname)) bodies.push(...([JSON.parse(String(body))].flat() as Array<Record<string, unknown>>));
    return fetch(url, method, headers, body);
  }) as Exchange['fetch'];
  return { client: capturingClient(exchange, `${venue} spot`), bodies };
}
