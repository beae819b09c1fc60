import ccxt from 'ccxt';
import type { FundingCsvOptions } from '../../../shared/history/fundingCsv.ts';

/**
 * The venues a funding-history CSV may name: every ccxt exchange id. History of a venue the
 * terminal does not trade (dydx, htx) still feeds the studies; a misspelt id is a bad line.
 */
export const KNOWN_HISTORY_VENUES: ReadonlySet<string> = new Set(ccxt.exchanges);

export const FUNDING_CSV_OPTIONS: FundingCsvOptions = { knownVenues: KNOWN_HISTORY_VENUES };
