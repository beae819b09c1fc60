/**
 * The venues' recorded real answers kept under `test/fixtures/venues/<venue>/<method>.json`
 * (see the README there for where each comes from).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Exchange, MarketInterface } from 'ccxt';

export interface RecordedAnswer {
  /** Where the answer was recorded: repository, path, commit, entry. */
  source: string;
  /** The venue's HTTP body, as received. */
  response: unknown;
}

const ROOT = fileURLToPath(new URL('../../fixtures/venues/', import.meta.url));

export function recorded(venue: string, name: string): RecordedAnswer {
  const answer = JSON.parse(readFileSync(`${ROOT}${venue}/${name}.json`, 'utf8')) as Partial<RecordedAnswer>;
  if (answer.response === undefined || typeof answer.source !== 'string') throw new Error(`${venue}/${name}.json holds no recorded response with its source`);
  return answer as RecordedAnswer;
}

export interface RecordedMarkets {
  source: string;
  /** ccxt's parsed markets of the venue's real answers, by unified symbol (`info` is the venue's row). */
  markets: Record<string, MarketInterface>;
}

export function recordedMarkets(venue: string): RecordedMarkets {
  return JSON.parse(readFileSync(`${ROOT}${venue}/markets.json`, 'utf8')) as RecordedMarkets;
}

/** A spot pair's kind and terms as ccxt states them: spot, contract, lot step, minimum quantity, minimum order value, tick. */
function spotTerms(market: MarketInterface): unknown[] {
  return [market.spot, market.contract, market.precision.amount, market.limits.amount?.min, market.limits.cost?.min, market.precision.price];
}

/** Each recorded spot pair the exchange lists, with its terms as recorded and as ccxt read them from the simulator. */
export function spotTermsBesideRecorded(exchange: Exchange, venue: string): Array<{ symbol: string; real: unknown[]; simulated: unknown[] }> {
  const real = recordedMarkets(venue).markets;
  return Object.keys(real).filter((symbol) => exchange.markets?.[symbol] !== undefined)
    .map((symbol) => ({ symbol, real: spotTerms(real[symbol]), simulated: spotTerms(exchange.market(symbol)) }));
}
