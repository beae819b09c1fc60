/**
 * The venues' recorded real answers kept under `test/fixtures/venues/<venue>/<method>.json`
 * (see the README there for where each comes from).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RecordedAnswer {
  /** Where the answer was recorded: repository, path, commit, entry. */
  source: string;
  /** The venue's HTTP body, as received. */
  response: unknown;
}

const ROOT = fileURLToPath(new URL('../../fixtures/venues/', import.meta.url));

export function recorded(venue: string, name: string): RecordedAnswer {
  return JSON.parse(readFileSync(`${ROOT}${venue}/${name}.json`, 'utf8')) as RecordedAnswer;
}
