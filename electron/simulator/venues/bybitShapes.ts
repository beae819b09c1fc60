/** Bybit v5 private record shapes: orders, positions, executions (trades and funding), wallet. */
import type { SimBalance, SimIncome, SimInstrument, SimOrder, SimPosition, SimTrade } from '../types.ts';
import { decimalString, fixedString } from './wireDecimal.ts';

const ORDER_STATUS: Record<SimOrder['status'], string> = {
  new: 'New',
  'partially-filled': 'PartiallyFilled',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

function orderStatus(order: SimOrder): string {
  if (order.status === 'cancelled' && order.filled > 0) return 'PartiallyFilledCanceled';
  return ORDER_STATUS[order.status];
}

const side = (value: 'buy' | 'sell') => (value === 'buy' ? 'Buy' : 'Sell');

export function orderJson(order: SimOrder, instrument: SimInstrument): Record<string, unknown> {
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  const qty = (value: number) => fixedString(value * instrument.contractSize, instrument.qtyPrecision);
  const filledValue = order.averagePrice === null ? 0 : order.averagePrice * order.filled * instrument.contractSize;
  const open = order.status === 'new' || order.status === 'partially-filled';
  const leaves = open ? order.quantity - order.filled : 0;
  return {
    orderId: order.orderId,
    orderLinkId: order.clientOrderId,
    blockTradeId: '',
    symbol: order.instrumentId,
    price: order.price === null ? '0' : price(order.price),
    qty: qty(order.quantity),
    side: side(order.side),
    isLeverage: '',
    positionIdx: 0,
    orderStatus: orderStatus(order),
    createType: 'CreateByUser',
    cancelType: order.status === 'cancelled' ? 'CancelByUser' : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: order.averagePrice === null ? '' : price(order.averagePrice),
    leavesQty: qty(leaves),
    leavesValue: fixedString(leaves * instrument.contractSize * (order.price ?? 0), 4),
    cumExecQty: qty(order.filled),
    cumExecValue: fixedString(filledValue, 8),
    cumExecFee: decimalString(order.fee),
    // ccxt reads the fee from here only (coin → amount); Bybit leaves it empty until a fill is charged.
    cumFeeDetail: order.fee !== 0 ? { [instrument.settle]: decimalString(order.fee) } : {},
    timeInForce: order.type === 'market' ? 'IOC' : 'GTC',
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    marketUnit: '',
    triggerPrice: '',
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    triggerDirection: 0,
    triggerBy: '',
    reduceOnly: order.reduceOnly,
    closeOnTrigger: false,
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    slLimitPrice: '0',
    tpLimitPrice: '0',
    tpTriggerBy: '',
    slTriggerBy: '',
    lastPriceOnCreated: price(order.price ?? order.averagePrice ?? 0),
    placeType: '',
    slippageToleranceType: 'UNKNOWN',
    slippageTolerance: '0',
    extraFees: '',
    createdTime: String(order.createdAt),
    updatedTime: String(order.updatedAt),
  };
}

/** The price at which the position's margin is gone (isolated view): entry ∓ entry / leverage. */
function bankruptcyPrice(position: SimPosition): number {
  const move = position.entryPrice / position.leverage;
  return position.size > 0 ? position.entryPrice - move : position.entryPrice + move;
}

/** `positionIdx`: 0 in one-way mode; 1 (buy side) and 2 (sell side) in hedge mode. */
export function positionJson(position: SimPosition, instrument: SimInstrument, positionIdx = 0): Record<string, unknown> {
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  const base = Math.abs(position.size) * instrument.contractSize;
  const value = base * position.entryPrice;
  const long = position.size > 0;
  return {
    positionIdx,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: position.instrumentId,
    side: position.size === 0 ? '' : long ? 'Buy' : 'Sell',
    size: fixedString(base, instrument.qtyPrecision),
    avgPrice: price(position.entryPrice),
    positionValue: fixedString(value, 8),
    tradeMode: position.marginMode === 'isolated' ? 1 : 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: 2,
    leverage: decimalString(position.leverage),
    positionBalance: fixedString(position.margin, 8),
    markPrice: price(position.markPrice),
    liqPrice: position.liquidationPrice === null ? '' : price(position.liquidationPrice),
    bustPrice: position.liquidationPrice === null ? '' : price(bankruptcyPrice(position)),
    positionMM: fixedString(value * instrument.maintenanceMarginRate, 8),
    positionIM: fixedString(position.margin, 8),
    tpslMode: 'Full',
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    unrealisedPnl: fixedString(position.unrealisedPnl, 8),
    curRealisedPnl: '0',
    cumRealisedPnl: '0',
    seq: position.updatedAt,
    isReduceOnly: false,
    leverageSysUpdatedTime: '',
    mmrSysUpdatedTime: '',
    createdTime: String(position.updatedAt),
    updatedTime: String(position.updatedAt),
  };
}

export function tradeExecutionJson(trade: SimTrade, instrument: SimInstrument): Record<string, unknown> {
  const base = trade.quantity * instrument.contractSize;
  return {
    symbol: trade.instrumentId,
    orderId: trade.orderId,
    orderLinkId: trade.clientOrderId,
    side: side(trade.side),
    orderPrice: fixedString(trade.price, instrument.pricePrecision),
    orderQty: fixedString(base, instrument.qtyPrecision),
    leavesQty: '0',
    createType: 'CreateByUser',
    orderType: 'Limit',
    stopOrderType: '',
    execFee: decimalString(trade.fee),
    feeCurrency: trade.feeCurrency,
    execId: trade.tradeId,
    execPrice: fixedString(trade.price, instrument.pricePrecision),
    execQty: fixedString(base, instrument.qtyPrecision),
    execType: 'Trade',
    execValue: fixedString(base * trade.price, 8),
    execTime: String(trade.time),
    feeRate: base * trade.price > 0 ? decimalString(trade.fee / (base * trade.price)) : '0',
    isMaker: trade.maker,
    markPrice: fixedString(trade.price, instrument.pricePrecision),
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    tradeIv: '',
    markIv: '',
    closedSize: '0',
    seq: trade.time,
  };
}

/**
 * A funding settlement as Bybit lists it in the execution list: `execFee` is what the account
 * paid (negative when it received), `feeRate` the settled rate.
 */
export function fundingExecutionJson(income: SimIncome, instrument: SimInstrument): Record<string, unknown> {
  const base = Math.abs(income.positionSize) * instrument.contractSize;
  return {
    symbol: income.instrumentId,
    orderId: `funding-${income.id}`,
    orderLinkId: '',
    side: income.positionSize >= 0 ? 'Buy' : 'Sell',
    orderPrice: '0',
    orderQty: '0',
    leavesQty: '0',
    createType: '',
    orderType: 'UNKNOWN',
    stopOrderType: 'UNKNOWN',
    execFee: decimalString(-income.amount),
    feeCurrency: income.currency,
    execId: income.id,
    execPrice: fixedString(income.markPrice, instrument.pricePrecision),
    execQty: fixedString(base, instrument.qtyPrecision),
    execType: 'Funding',
    execValue: fixedString(base * income.markPrice, 8),
    execTime: String(income.time),
    feeRate: decimalString(income.rate),
    isMaker: false,
    markPrice: fixedString(income.markPrice, instrument.pricePrecision),
    indexPrice: '',
    underlyingPrice: '',
    blockTradeId: '',
    tradeIv: '',
    markIv: '',
    closedSize: '0',
    seq: income.time,
  };
}

/** One coin of the UNIFIED wallet; `used` is reported as position + order initial margin. */
export function walletCoinJson(balance: SimBalance, unrealisedPnl: number): Record<string, unknown> {
  return {
    coin: balance.currency,
    equity: decimalString(balance.total + unrealisedPnl),
    usdValue: decimalString(balance.total + unrealisedPnl),
    walletBalance: decimalString(balance.total),
    locked: '0',
    spotHedgingQty: '0',
    borrowAmount: '0',
    availableToWithdraw: decimalString(balance.free),
    availableToBorrow: '',
    accruedInterest: '0',
    totalOrderIM: '0',
    totalPositionIM: decimalString(balance.used),
    totalPositionMM: '0',
    unrealisedPnl: decimalString(unrealisedPnl),
    cumRealisedPnl: '0',
    bonus: '0',
    marginCollateral: true,
    collateralSwitch: true,
    spotBorrow: '0',
  };
}
