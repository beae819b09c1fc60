/**
 * One table row per request the terminal makes: which ccxt call sends it, the route, and the
 * recorded real answer it is compared with. `checkCase` gives the unexplained differences.
 */
import type { MarketInterface } from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import type { WireClient } from './venueClients.ts';
import { unexplainedDifferences } from './wireShape.ts';

export interface WireCase {
  /** The ccxt method the terminal calls that sends the request. */
  method: string;
  /** `test/fixtures/venues/<venue>/<fixture>.json`. */
  fixture: string;
  /** `GET /v5/position/list`. */
  route: string;
  /** Accepted differences, `<kind> <path>` → reason. */
  allowed?: Readonly<Record<string, string>>;
  /** Objects keyed by data (coins, symbols). */
  maps?: readonly string[];
  /** The part of the simulator's answer compared, when the recording holds only that part (a market row). */
  pick?: (answer: unknown) => unknown;
  /** The recorded part, when it is not a whole answer file (a market's `info`). */
  real?: () => unknown;
}

/** The cases with a venue's accepted differences added to each case's own. */
export function withAllowed(cases: readonly WireCase[], allowed: Readonly<Record<string, string>>): WireCase[] {
  return cases.map((wire) => ({ ...wire, allowed: { ...allowed, ...wire.allowed } }));
}

export function checkCase(venue: VenueId, client: WireClient, wire: WireCase): string[] {
  const real = wire.real ? wire.real() : recorded(venue, wire.fixture).response;
  const [method, path] = wire.route.split(' ');
  const simulated = client.answer(method, path);
  return unexplainedDifferences(real, wire.pick ? wire.pick(simulated) : simulated, { allowed: wire.allowed, maps: wire.maps });
}

/**
 * Asserts one case. `saved` holds, per method, the answer of a route that two calls share
 * (Hyperliquid's `POST /info`, Bybit's `/v5/order/realtime`), kept when the call was made.
 */
export function expectWireCase(venue: VenueId, client: WireClient, wire: WireCase, saved: ReadonlyMap<string, unknown>): void {
  const answer = saved.get(wire.method);
  if (answer !== undefined) client.answers.set(wire.route, answer);
  expect(checkCase(venue, client, wire).join('\n')).toBe('');
}

/** One test per case, named by the call and route; `state` is read when the tests run (after `beforeAll`). */
export function describeWireCases(venue: VenueId, cases: readonly WireCase[], state: () => { client: WireClient; saved?: ReadonlyMap<string, unknown> }): void {
  describe(`${venue}: the simulator's answers have the fields and types of the venue's`, () => {
    it.each(cases)('$method ($route)', (wire) => expectWireCase(venue, state().client, wire, state().saved ?? new Map()));
  });
}

/** What a market must state as the venue does: contract size, lot step, minimums, tick, settle. */
export function marketDifferences(symbol: string, real: MarketInterface, simulated: MarketInterface, skip: readonly string[] = []): string[] {
  const fields: Array<[string, (m: MarketInterface) => unknown]> = [
    ['contractSize', (m) => m.contractSize], ['precision.amount', (m) => m.precision?.amount], ['precision.price', (m) => m.precision?.price],
    ['limits.amount.min', (m) => m.limits?.amount?.min], ['limits.cost.min', (m) => m.limits?.cost?.min], ['settle', (m) => m.settle],
    ['limits.leverage.max', (m) => m.limits?.leverage?.max],
  ];
  return fields.filter(([name]) => !skip.includes(name)).flatMap(([name, read]) => {
    const want = read(real) ?? null;
    const got = read(simulated) ?? null;
    // A figure the recording does not state (ccxt of that day did not read it) is not compared.
    return want === null || want === got ? [] : [`${symbol} ${name}: real ${String(want)}, simulator ${String(got)}`];
  });
}

/**
 * The recorded markets of `venue` against the simulator's, for the symbols both list; `always`
 * names symbols the simulator must list (so the comparison cannot pass by listing nothing).
 */
export interface MarketCheck {
  /** Fields not compared, each for a reason the caller states. */
  skip?: readonly string[];
  extra?: (real: MarketInterface, simulated: MarketInterface) => void;
}

export function describeMarketDefinitions(venue: VenueId, client: () => WireClient, always: readonly string[], check: MarketCheck = {}): void {
  describe(`${venue}: the simulator's market definitions are the real ones`, () => {
    const real = recordedMarkets(venue).markets;
    it.each(Object.keys(real))('%s', (symbol) => {
      const simulated = client().exchange.markets?.[symbol];
      if (always.includes(symbol)) expect(simulated, `${symbol} is not listed by the simulator`).toBeDefined();
      if (simulated === undefined) return;
      expect(marketDifferences(symbol, real[symbol], simulated, check.skip).join('\n')).toBe('');
      check.extra?.(real[symbol], simulated);
    });
  });
}
