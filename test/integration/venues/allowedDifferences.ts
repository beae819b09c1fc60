/**
 * Differences between a recorded real answer and the simulator's that are accepted, each with
 * its reason. Keyed `<kind> <path>` as `shapeDifferences` reports them.
 */

/** ccxt copies a page's cursor into the first row, in place, before its recorder saves the answer. */
const CCXT_ROW_CURSOR = 'ccxt writes the page cursor into the first row (bybit.addPaginationCursorToResult) before the answer is recorded; Bybit rows carry none';

/** Bybit v5's documentation lists these on current answers; the recordings predate them. */
const BYBIT_NEWER = 'listed by Bybit\'s v5 documentation for current answers; the recording predates the field';

export const BYBIT_ALLOWED: Readonly<Record<string, string>> = {
  // Tickers: the terminal reads fundingIntervalHour when present and falls back to the instrument's fundingInterval.
  'extra $.result.list[].fundingIntervalHour': BYBIT_NEWER,
  'extra $.result.list[].fundingCap': BYBIT_NEWER,
  'extra $.result.seq': 'linear order books carry the cross sequence (Bybit v5 orderbook docs); the recording is a spot book',
  'extra $.result.cts': 'linear order books carry the matching-engine time (Bybit v5 orderbook docs); the recording is a spot book',
  'extra $.result.list[].coin[].locked': BYBIT_NEWER,
  'extra $.result.list[].coin[].spotHedgingQty': BYBIT_NEWER,
  'extra $.result.list[].coin[].marginCollateral': BYBIT_NEWER,
  'extra $.result.list[].coin[].collateralSwitch': BYBIT_NEWER,
  'extra $.result.list[].coin[].spotBorrow': BYBIT_NEWER,
  'extra $.result.list[].marketUnit': 'open linear orders carry it empty (ccxt fixture fetchOpenOrder, 2025); the closed-order recording omits it',
  'extra $.result.list[].curRealisedPnl': BYBIT_NEWER,
  'extra $.result.list[].mmDeduction': BYBIT_NEWER,
  'extra $.result.nextPageCursor': 'risk-limit pages since 2023 (Bybit v5 risk-limit docs); the documented example predates it',
  'missing $.result.list[].nextPageCursor': CCXT_ROW_CURSOR,
  'extra $.result.list[].createType': 'rows recorded since 2024 carry it (ccxt bybit.ts parseIncome and parseOrder examples); the 2023 recording predates it',
  'extra $.result.list[].feeCurrency': 'execution rows recorded since 2024 carry it (ccxt bybit.ts parseIncome example: "feeCurrency": "")',
};

/** Gate v4's API reference lists these on current answers; ccxt's documented examples predate them. */
const GATE_NEWER = 'listed by Gate\'s v4 API reference for current answers; the documented example predates the field';

export const GATE_ALLOWED: Readonly<Record<string, string>> = {
  'extra $[].funding_cap_ratio': GATE_NEWER,
  'extra $[].status': GATE_NEWER,
  'extra $[].create_time': GATE_NEWER,
  'extra $[].launch_time': GATE_NEWER,
  // account_book rows
  'extra $[].contract': GATE_NEWER,
  'extra $[].id': GATE_NEWER,
};

/** OKX's v5 reference lists these on current answers; ccxt's documented examples (2021–22) and the 2024 market recording predate them. */
const OKX_NEWER = 'listed by OKX\'s v5 reference for current answers; the documented example predates the field';

/** Bill rows: fields of current bills the 2021 example lacks. */
export const OKX_BILL_ALLOWED: Readonly<Record<string, string>> = Object.fromEntries(
  ['interest', 'px', 'execType', 'clOrdId', 'tradeId', 'fillTime'].map((field) => [`extra $.data[].${field}`, OKX_NEWER]),
);

/** The balance fields of ccxt's recorded 2025 OKX balance (okx-spot/fetchBalance.json), which the 2021 example lacks. */
const OKX_RECORDED_BALANCE = 'stated by OKX\'s recorded balance of 2025 (test/fixtures/venues/okx-spot/fetchBalance.json); the documented example predates it';

export const OKX_ALLOWED: Readonly<Record<string, string>> = {
  'extra $.instIdCode': OKX_NEWER,
  'extra $.contTdSwTime': OKX_NEWER,
  'extra $.openType': OKX_NEWER,
  'extra $.futureSettlement': OKX_NEWER,
  'extra $.upcChg': OKX_NEWER,
  'extra $.data[].method': OKX_NEWER,
  'extra $.data[].formulaType': OKX_NEWER,
  'extra $.data[].minFundingRate': OKX_NEWER,
  'extra $.data[].maxFundingRate': OKX_NEWER,
  'extra $.data[].premium': OKX_NEWER,
  'extra $.data[].interestRate': OKX_NEWER,
  'extra $.data[].settFundingRate': OKX_NEWER,
  'extra $.data[].settState': OKX_NEWER,
  'extra $.data[].impactValue': OKX_NEWER,
  'extra $.data[].ts': OKX_NEWER,
  'extra $.data[].oiUsd': OKX_NEWER,
  'extra $.data[].details[].stgyEq': OKX_NEWER,
  ...Object.fromEntries([
    'accAvgPx', 'borrowFroz', 'clSpotInUseAmt', 'colBorrAutoConversion', 'collateralEnabled', 'collateralRestrict', 'fixedBal', 'imr', 'isoUpl',
    'maxSpotInUse', 'mmr', 'openAvgPx', 'rewardBal', 'smtSyncEq', 'spotBal', 'spotCopyTradingEq', 'spotInUseAmt', 'spotIsoBal', 'spotUpl',
    'spotUplRatio', 'totalPnl', 'totalPnlRatio',
  ].map((field) => [`extra $.data[].details[].${field}`, OKX_RECORDED_BALANCE])),
  ...Object.fromEntries(['availEq', 'borrowFroz', 'notionalUsdForBorrow', 'notionalUsdForFutures', 'notionalUsdForOption', 'notionalUsdForSwap', 'upl']
    .map((field) => [`extra $.data[].${field}`, OKX_RECORDED_BALANCE])),
  'extra $.data[].reduceOnly': OKX_NEWER,
  'extra $.data[].tgtCcy': OKX_NEWER,
  'extra $.data[].source': OKX_NEWER,
  'extra $.data[].attachAlgoOrds': OKX_NEWER,
  'extra $.data[].linkedAlgoOrd': OKX_NEWER,
  'extra $.data[].stpMode': OKX_NEWER,
  'extra $.data[].cancelSource': OKX_NEWER,
  'extra $.data[].tag': OKX_NEWER,
  'extra $.inTime': OKX_NEWER,
  'extra $.outTime': OKX_NEWER,
  'extra $.data[].markPx': OKX_NEWER,
  'extra $.data[].notionalUsd': OKX_NEWER,
  'extra $.data[].realizedPnl': OKX_NEWER,
  'extra $.data[].pnl': OKX_NEWER,
  'extra $.data[].fee': OKX_NEWER,
  'extra $.data[].fundingFee': OKX_NEWER,
};

export const BITGET_ALLOWED: Readonly<Record<string, string>> = {
  'extra $.data[].uTime': 'position rows carry their update time (Bitget v2 all-position reference); the documented example omits it',
};
