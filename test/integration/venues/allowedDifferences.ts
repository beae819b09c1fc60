/**
 * Differences between a recorded real answer and the simulator's that are accepted, each with
 * its reason. Keyed `<kind> <path>` as `shapeDifferences` reports them.
 */

/** ccxt copies a page's cursor into the first row, in place, before its recorder saves the answer. */
const CCXT_ROW_CURSOR = 'ccxt writes the page cursor into the first row (bybit.addPaginationCursorToResult) before the answer is recorded; Bybit rows carry none';

export const BYBIT_ALLOWED: Readonly<Record<string, string>> = {
  'missing $.result.list[].nextPageCursor': CCXT_ROW_CURSOR,
  'extra $.result.list[].createType': 'rows recorded since 2024 carry it (ccxt bybit.ts parseIncome and parseOrder examples); the 2023 recording predates it',
  'extra $.result.list[].feeCurrency': 'execution rows recorded since 2024 carry it (ccxt bybit.ts parseIncome example: "feeCurrency": "")',
};
