/** OKX v5 private record shapes: orders, positions, fills, balance details, funding bills. */
import type { SimBalance, SimIncome, SimInstrument, SimOrder, SimPosition, SimTrade } from '../types.ts';
import { decimalString, fixedString } from './wireDecimal.ts';

const ORDER_STATE: Record<SimOrder['status'], string> = {
  new: 'live',
  'partially-filled': 'partially_filled',
  filled: 'filled',
  cancelled: 'canceled',
  rejected: 'canceled',
};

/** OKX reports fees as negative balance changes. */
const charged = (fee: number) => decimalString(-fee);

export function orderJson(order: SimOrder, instrument: SimInstrument, leverage: number, marginMode: string): Record<string, unknown> {
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  return {
    instType: 'SWAP', instId: order.instrumentId, ordId: order.orderId, clOrdId: order.clientOrderId, tag: '',
    px: order.price === null ? '' : price(order.price), sz: decimalString(order.quantity),
    ordType: order.type, side: order.side, posSide: 'net', tdMode: marginMode,
    accFillSz: decimalString(order.filled), fillPx: '', fillSz: '', fillTime: order.filled > 0 ? String(order.updatedAt) : '',
    avgPx: order.averagePrice === null ? '' : price(order.averagePrice), state: ORDER_STATE[order.status],
    lever: decimalString(leverage), fee: charged(order.fee), feeCcy: instrument.settle, rebate: '0', rebateCcy: instrument.settle,
    pnl: '0', category: 'normal', reduceOnly: String(order.reduceOnly), ccy: '', tgtCcy: '', source: '',
    tpTriggerPx: '', tpOrdPx: '', slTriggerPx: '', slOrdPx: '', attachAlgoOrds: [], linkedAlgoOrd: { algoId: '' },
    stpMode: 'cancel_maker', cancelSource: '', tradeId: '', cTime: String(order.createdAt), uTime: String(order.updatedAt),
  };
}

export function positionJson(position: SimPosition, instrument: SimInstrument): Record<string, unknown> {
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  const notional = Math.abs(position.size) * instrument.contractSize * position.markPrice;
  const cross = position.marginMode === 'cross';
  return {
    instType: 'SWAP', instId: position.instrumentId, posId: `${position.instrumentId}-net`, posSide: 'net', posCcy: '',
    mgnMode: position.marginMode, pos: decimalString(position.size), availPos: decimalString(Math.abs(position.size)),
    avgPx: price(position.entryPrice), markPx: price(position.markPrice), last: price(position.markPrice),
    upl: decimalString(position.unrealisedPnl),
    uplRatio: position.margin > 0 ? decimalString(position.unrealisedPnl / position.margin) : '0',
    lever: decimalString(position.leverage), liqPx: position.liquidationPrice === null ? '' : price(position.liquidationPrice),
    imr: cross ? decimalString(position.margin) : '', margin: cross ? '' : decimalString(position.margin),
    mmr: decimalString(notional * instrument.maintenanceMarginRate), notionalUsd: decimalString(notional),
    mgnRatio: '', adl: '1', ccy: instrument.settle, interest: '0', liab: '', liabCcy: '', optVal: '',
    realizedPnl: '0', pnl: '0', fee: '0', fundingFee: '0', tradeId: '',
    // Greeks are for options; a swap states them empty.
    deltaBS: '', deltaPA: '', gammaBS: '', gammaPA: '', thetaBS: '', thetaPA: '', vegaBS: '', vegaPA: '',
    cTime: String(position.updatedAt), uTime: String(position.updatedAt), pTime: String(position.updatedAt),
  };
}

export function fillJson(trade: SimTrade, instrument: SimInstrument): Record<string, unknown> {
  return {
    instType: 'SWAP', instId: trade.instrumentId, tradeId: trade.tradeId, ordId: trade.orderId, clOrdId: trade.clientOrderId,
    billId: trade.tradeId, subType: trade.side === 'buy' ? '1' : '2', tag: '',
    fillPx: fixedString(trade.price, instrument.pricePrecision), fillSz: decimalString(trade.quantity), fillPnl: '0',
    fillIdxPx: '', fillPxVol: '', fillPxUsd: '', fillMarkVol: '', fillFwdPx: '', fillMarkPx: '',
    side: trade.side, posSide: 'net', execType: trade.maker ? 'M' : 'T', feeCcy: trade.feeCurrency, fee: charged(trade.fee),
    ts: String(trade.time), fillTime: String(trade.time),
  };
}

/**
 * One currency of the trading account: `eq` includes unrealised PnL, `cashBal` does not. The
 * fields are those of OKX's recorded balance (ccxt's 2025 recording, docs/venues.md); the
 * simulator tracks no spot cost, so loan and spot-PnL fields are 0 or empty; a borrowed coin's
 * liability and interest are set by its spot row (okxSpot.ts `spotBalanceRows`).
 */
export function balanceDetailJson(balance: SimBalance, unrealisedPnl: number, time: number): Record<string, unknown> {
  const equity = decimalString(balance.total + unrealisedPnl);
  return {
    accAvgPx: '', availBal: decimalString(balance.free), availEq: decimalString(balance.free), borrowFroz: '0', cashBal: decimalString(balance.total),
    ccy: balance.currency, clSpotInUseAmt: '', colBorrAutoConversion: '0', collateralEnabled: true, collateralRestrict: false, crossLiab: '',
    disEq: equity, eq: equity, eqUsd: equity, fixedBal: '0', frozenBal: decimalString(balance.used), imr: '', interest: '', isoEq: '0',
    isoLiab: '', isoUpl: '0', liab: '', maxLoan: '', maxSpotInUse: '', mgnRatio: '', mmr: '', notionalLever: '', openAvgPx: '', ordFrozen: '0',
    rewardBal: '', smtSyncEq: '0', spotBal: '', spotCopyTradingEq: '0', spotInUseAmt: '', spotIsoBal: '0', spotUpl: '', spotUplRatio: '',
    stgyEq: '0', totalPnl: '', totalPnlRatio: '', twap: '0', uTime: String(time), upl: decimalString(unrealisedPnl), uplLiab: '',
  };
}

/** A funding settlement as a bill of type 8: subType 174 income, 173 expense. */
export function fundingBillJson(income: SimIncome, instrument: SimInstrument, marginMode: string): Record<string, unknown> {
  const amount = decimalString(income.amount);
  return {
    billId: income.id, type: '8', subType: income.amount >= 0 ? '174' : '173', instType: 'SWAP', instId: income.instrumentId,
    ccy: income.currency, balChg: amount, pnl: amount, posBalChg: '0', posBal: '0', fee: '0', interest: '0',
    sz: decimalString(Math.abs(income.positionSize)), px: fixedString(income.markPrice, instrument.pricePrecision),
    mgnMode: marginMode, execType: '', from: '', to: '', notes: '', ordId: '', clOrdId: '', tradeId: '', tag: '',
    fillTime: String(income.time), ts: String(income.time),
  };
}
