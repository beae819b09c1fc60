/**
 * The venues' recorded real answers kept under `test/fixtures/venues/<venue>/<method>.json`
 * (see the README there for where each comes from).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MarketInterface } from 'ccxt';

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
