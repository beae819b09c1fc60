import { describe, expect, it } from 'vitest';
import { judgePairValues, pairTolerance } from '../../../electron/backend/trading/pairValueCheck.ts';
import { approvedHoldings } from '../../../electron/backend/trading/holdingCheck.ts';
import { createLedger } from '../../../electron/backend/trading/ledger.ts';
import { positionKey } from '../../../electron/backend/trading/ledgerFold.ts';
import type { VenuePosition } from '../../../electron/backend/trading/brokers/broker.ts';
import type { JournalEntry, LegIntent, Order } from '../../../shared/domain/orders.ts';

const LEGS: LegIntent[] = [
  { venue: 'binanceusdm', symbol: '1000PEPE/USDT:USDT', side: 'buy', quantity: 200_000_000, reduceOnly: false },
  { venue: 'okx', symbol: 'PEPE/USDT:USDT', side: 'sell', quantity: 200_000_000, reduceOnly: false },
];
/** PEPE at 3.4 µUSD: 200,000,000 PEPE is $680 a leg; Binance's lot is 1,000 PEPE, OKX's 10,000,000. */
const PRICE = 0.0000034;
const LOTS = { binanceusdm: 1_000, okx: 10_000_000 } as Record<string, number>;

function ledgerOf(basisStopPct: number | undefined) {
  const intent = { kind: 'intent' as const, pairId: 'p', venue: null, symbol: null, clientOrderId: null, data: { ticketId: 'p', intent: { legs: LEGS, exits: { basisStopPct } }, checklist: {} } };
  const answered = (i: number) => ({
    kind: 'order' as const, pairId: 'p', venue: LEGS[i].venue, symbol: LEGS[i].symbol, clientOrderId: `id${i}`,
    data: { venue: LEGS[i].venue, symbol: LEGS[i].symbol, clientOrderId: `id${i}`, venueOrderId: 'v', side: LEGS[i].side, type: 'market', price: null, quantity: LEGS[i].quantity, filled: LEGS[i].quantity, averagePrice: PRICE, status: 'filled', reduceOnly: false, fee: 0, time: 1 } satisfies Order,
  });
  const entries: JournalEntry[] = [intent, answered(0), answered(1)].map((step, i) => ({ ...step, seq: i + 1, time: 1_000 + i }));
  return createLedger(entries);
}

/** Each leg as the venue shows it: the approved coins, its mark per coin, and the venue's own USD value. */
function held(binanceUsd: number, okxUsd: number, binanceMark = PRICE): Map<string, VenuePosition> {
  const position = (leg: LegIntent, size: number, mark: number, usd: number): [string, VenuePosition] => [positionKey(leg.venue, leg.symbol), { venue: leg.venue, symbol: leg.symbol, size, entryPrice: mark, markPrice: mark, liquidationPrice: null, venueUsd: usd }];
  return new Map([position(LEGS[0], 200_000_000, binanceMark, binanceUsd), position(LEGS[1], -200_000_000, PRICE, okxUsd)]);
}

function judge(positions: Map<string, VenuePosition>, basisStopPct = 0.01, skip: string[] = []) {
  const ledger = ledgerOf(basisStopPct);
  return judgePairValues({ ledger, approved: approvedHoldings(ledger), held: positions, skip: (key) => skip.includes(key), lot: (venue) => ({ step: LOTS[venue], minQuantity: LOTS[venue], minNotional: 5 }) });
}

describe("the two legs of a pair, in the venues' own USD values", () => {
  it('the tolerance is a lot of each venue plus the entry gap and the basis stop of the larger value', () => {
    // $0.0034 + $34 + (1 % + 1 %) × $680.
    expect(pairTolerance({ usd: 680, lotUsd: 0.0034 }, { usd: 670, lotUsd: 34 }, 0.01)).toBeCloseTo(0.0034 + 34 + 13.6, 9);
    expect(pairTolerance({ usd: 680, lotUsd: 0.0034 }, { usd: 670, lotUsd: 34 }, undefined)).toBeCloseTo(0.0034 + 34 + 6.8, 9);
  });

  it('legs apart by a lot and a basis within the stop: nothing; both judged', () => {
    const verdicts = judge(held(680, 680 - 34 - 10));
    expect(verdicts.found.size).toBe(0);
    expect([...verdicts.judged]).toEqual([positionKey(LEGS[0].venue, LEGS[0].symbol), positionKey(LEGS[1].venue, LEGS[1].symbol)]);
  });

  it('a leg valued 1000× the other (a multiplier wrong both ways, its mark per coin 1000× too): both legs flagged, no order', () => {
    const verdicts = judge(held(680_000, 680, PRICE * 1000));
    expect([...verdicts.found.values()].map((m) => [m.venue, m.across?.venue, m.restore])).toEqual([['binanceusdm', 'okx', null], ['okx', 'binanceusdm', null]]);
    // The gap allowance grows with the larger value (2 % of $680,000 here), but a few per cent cannot cover a 99.9 % gap:
    // $3.40 (1,000 coins at the wrong mark) + $34 + $13,600.
    expect(verdicts.found.get(positionKey(LEGS[0].venue, LEGS[0].symbol))!.reason).toMatch(/more than \$13637\.40 apart/);
  });

  it('a leg not read (or skipped while its journal moves) leaves the pair unjudged', () => {
    const positions = held(680_000, 680);
    positions.delete(positionKey(LEGS[1].venue, LEGS[1].symbol));
    expect(judge(positions).judged.size).toBe(0);
    expect(judge(held(680_000, 680), 0.01, [positionKey(LEGS[0].venue, LEGS[0].symbol)]).judged.size).toBe(0);
  });
});
