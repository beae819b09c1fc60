/**
 * A KuCoin Futures leg checked against the venue at run time (docs/units.md, "Checked at run
 * time"): KuCoin counts lots of `multiplier` coins (0.001 BTC per XBTUSDTM lot), so a lot size
 * taken for another contract's (ETH's 0.01, ten times BTC's) is the conversion that can go wrong.
 * Through the ticket service, the real gateway and real brokers (paper, and live over ccxt's
 * signed KuCoin calls) against the simulator: a healthy KuCoin × Binance pair raises nothing; a
 * wrong lot size between the gateway and the KuCoin broker is caught by the next read of the
 * positions, journalled, trading REDUCING, and the restore order leaves KuCoin within one lot.
 */
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { restoreApproved } from '../../../electron/backend/trading/holdingRestore.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { misconverting, type Misconversion } from './misconverting.ts';
import { deskHolds, deskSuite, openUnitDesk, pairTicket, simulatorCoinPrice, type BrokerMode, type UnitDesk } from './unitDesk.ts';

const VENUES: VenueId[] = ['kucoinfutures', 'binanceusdm'];
const KUCOIN = { venue: 'kucoinfutures' as const, symbol: 'BTC/USDT:USDT', id: 'XBTUSDTM' };
const BINANCE = { venue: 'binanceusdm' as const, symbol: 'BTC/USDT:USDT', id: 'BTCUSDT' };
/** ETH's lot (0.01) where BTC's (0.001) belongs: ten times the coins per lot. */
const WRONG_LOT = 10;

const suite = deskSuite(VENUES, 23);

/** The test's desk, closed after it by the suite. */
async function open(mode: BrokerMode, wrap?: (broker: Broker) => Broker): Promise<UnitDesk> {
  suite.desk = await openUnitDesk(suite.sim, VENUES, mode, wrap);
  return suite.desk;
}

/** About $1,500 of BTC, long on KuCoin and short on Binance. */
function btcTicket(ticketId: string) {
  return TicketSchema.parse(pairTicket(ticketId, 'BTC', KUCOIN, BINANCE, 0.02));
}

const wrongOnKucoin = (kind: Misconversion) => (broker: Broker) => (broker.venue === 'kucoinfutures' ? misconverting(broker, KUCOIN.symbol, WRONG_LOT, kind) : broker);

describe.each<BrokerMode>(['paper', 'live'])('KuCoin Futures held against the journal (%s)', (mode) => {
  it('a healthy KuCoin lots / Binance pair raises nothing', async () => {
    const desk = await open(mode);
    const receipt = await desk.tickets.submit(btcTicket(`kc-ok-${mode}`));
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = receipt.checklist.preview.quantity;
    expect(Math.abs((await deskHolds(suite.sim, desk, KUCOIN)).coins - approved)).toBeLessThanOrEqual(0.001 + 1e-12);
    const [pair] = await desk.book.pairs();
    expect([pair.status, pair.mismatches]).toEqual(['open', []]);
    // The venue's own value agrees with the approved coins at its mark.
    expect(Math.abs((await deskHolds(suite.sim, desk, KUCOIN)).usd - approved * simulatorCoinPrice(suite.sim, 'kucoinfutures', KUCOIN.id))).toBeLessThanOrEqual(0.001 * simulatorCoinPrice(suite.sim, 'kucoinfutures', KUCOIN.id) + 1e-6);
    expect(desk.state.current.state).toBe('ACTIVE');
  });

  it('a lot size wrong both ways (sent and read back ×10) is caught by the venue\'s own USD value in one refresh', async () => {
    const desk = await open(mode, wrongOnKucoin('sent-and-read'));
    const receipt = await desk.tickets.submit(btcTicket(`kc-sym-${mode}`));
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = journalOf(desk.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;
    // KuCoin holds ten times the approved coins; the terminal, reading through the same wrong lot, sees the approved ones.
    expect((await deskHolds(suite.sim, desk, KUCOIN)).coins).toBeCloseTo(approved * WRONG_LOT, 9);
    const [pair] = await desk.book.pairs();
    expect(pair.legs.map((leg) => Math.abs(leg.size))).toEqual([approved, approved]);
    expect(pair.mismatches).toHaveLength(1);
    const [mismatch] = pair.mismatches;
    expect(mismatch).toMatchObject({ venue: 'kucoinfutures', symbol: KUCOIN.symbol, approvedCoins: approved, venueCoins: approved, restore: { side: 'sell' } });
    expect(mismatch.venueUsd! / mismatch.approvedUsd!).toBeCloseTo(WRONG_LOT, 1);
    expect(desk.state.current.state).toBe('REDUCING');
    expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toHaveLength(1);
  });

  it('KuCoin holding ten times what the journal knows: caught, and the restore order brings it back within one lot', async () => {
    const desk = await open(mode, wrongOnKucoin('sent'));
    const receipt = await desk.tickets.submit(btcTicket(`kc-asym-${mode}`));
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = journalOf(desk.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;

    const [pair] = await desk.book.pairs();
    const [mismatch] = pair.mismatches;
    expect(mismatch).toMatchObject({ venue: 'kucoinfutures', approvedCoins: approved, restore: { side: 'sell' } });
    expect(mismatch.venueCoins).toBeCloseTo(approved * WRONG_LOT, 9);
    expect(mismatch.restore!.quantity).toBeCloseTo(approved * (WRONG_LOT - 1), 9);
    expect(desk.state.current.state).toBe('REDUCING');

    const result = await restoreApproved({ journal: journalOf(desk.store), gateway: desk.gateway, watch: desk.watch, now: () => suite.sim.clock.now() }, { pairId: pair.pairId, venue: 'kucoinfutures', symbol: KUCOIN.symbol });
    expect(result).toMatchObject({ sent: true, resolved: true });
    const lot = desk.brokers.get('kucoinfutures')!.lot(KUCOIN.symbol).step!;
    expect(lot).toBeCloseTo(0.001, 12);
    expect(Math.abs((await deskHolds(suite.sim, desk, KUCOIN)).coins - approved)).toBeLessThanOrEqual(lot + 1e-12);
    const [after] = await desk.book.pairs();
    expect(after.mismatches).toEqual([]);
  });
});
