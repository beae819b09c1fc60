/**
 * A leg on one venue checked against that venue at run time (docs/units.md, "Checked at run
 * time"), for a venue whose amounts a factor can get wrong (KuCoin's lot of `multiplier` coins,
 * BingX's step read from its precision in decimal places). Through the ticket service, the real
 * gateway and real brokers (paper, and live over ccxt's signed calls) against the simulator: a
 * healthy pair with Binance raises nothing; `factor` wrong between the gateway and the venue's
 * broker is caught by the next read of the positions, journalled, trading REDUCING, and the
 * restore order leaves the venue within one lot.
 */
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { restoreApproved } from '../../../electron/backend/trading/holdingRestore.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { misconverting, type Misconversion } from './misconverting.ts';
import { deskHolds, deskSuite, openUnitDesk, pairTicket, simulatorCoinPrice, type BrokerMode, type UnitDesk } from './unitDesk.ts';

export interface HoldingsCase {
  /** The venue's name in the test titles. */
  label: string;
  /** The checked leg, long BTC: its venue, unified symbol and the simulator's id. */
  leg: { venue: VenueId; symbol: string; id: string };
  /** The factor the wrong conversion applies, and the venue's BTC lot in coins. */
  factor: number;
  lot: number;
  seed: number;
  /** The ticket's margin mode where the venue takes only one (Paradex: cross); isolated otherwise. */
  marginMode?: 'cross';
}

const BINANCE = { venue: 'binanceusdm' as const, symbol: 'BTC/USDT:USDT', id: 'BTCUSDT' };

export function describeHoldingsAgainstJournal(c: HoldingsCase): void {
  const venues: VenueId[] = [c.leg.venue, 'binanceusdm'];
  const suite = deskSuite(venues, c.seed);
  const tag = c.leg.venue.slice(0, 2);

  /** The test's desk, closed after it by the suite. */
  async function open(mode: BrokerMode, wrap?: (broker: Broker) => Broker): Promise<UnitDesk> {
    suite.desk = await openUnitDesk(suite.sim, venues, mode, wrap);
    return suite.desk;
  }

  /** About $1,500 of BTC, long on the venue and short on Binance. */
  const btcTicket = (ticketId: string) => TicketSchema.parse({ ...pairTicket(ticketId, 'BTC', c.leg, BINANCE, 0.02), ...(c.marginMode ? { marginMode: c.marginMode } : {}) });
  const wrongOn = (kind: Misconversion) => (broker: Broker) => (broker.venue === c.leg.venue ? misconverting(broker, c.leg.symbol, c.factor, kind) : broker);

  describe.each<BrokerMode>(['paper', 'live'])(`${c.label} held against the journal (%s)`, (mode) => {
    it(`a healthy ${c.label} / Binance pair raises nothing`, async () => {
      const desk = await open(mode);
      const receipt = await desk.tickets.submit(btcTicket(`${tag}-ok-${mode}`));
      expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
      const approved = receipt.checklist.preview.quantity;
      expect(Math.abs((await deskHolds(suite.sim, desk, c.leg)).coins - approved)).toBeLessThanOrEqual(c.lot + 1e-12);
      const [pair] = await desk.book.pairs();
      expect([pair.status, pair.mismatches]).toEqual(['open', []]);
      // The venue's own value agrees with the approved coins at its mark.
      const price = simulatorCoinPrice(suite.sim, c.leg.venue, c.leg.id);
      expect(Math.abs((await deskHolds(suite.sim, desk, c.leg)).usd - approved * price)).toBeLessThanOrEqual(c.lot * price + 1e-6);
      expect(desk.state.current.state).toBe('ACTIVE');
    });

    it(`amounts wrong both ways (sent and read back ×${c.factor}) are caught by the venue's own USD value in one refresh`, async () => {
      const desk = await open(mode, wrongOn('sent-and-read'));
      const receipt = await desk.tickets.submit(btcTicket(`${tag}-sym-${mode}`));
      expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
      const approved = journalOf(desk.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;
      // The venue holds `factor` times the approved coins; the terminal, reading through the same wrong factor, sees the approved ones.
      expect((await deskHolds(suite.sim, desk, c.leg)).coins).toBeCloseTo(approved * c.factor, 9);
      const [pair] = await desk.book.pairs();
      expect(pair.legs.map((leg) => Math.abs(leg.size))).toEqual([approved, approved]);
      expect(pair.mismatches).toHaveLength(1);
      const [mismatch] = pair.mismatches;
      expect(mismatch).toMatchObject({ venue: c.leg.venue, symbol: c.leg.symbol, approvedCoins: approved, venueCoins: approved, restore: { side: 'sell' } });
      expect(mismatch.venueUsd! / mismatch.approvedUsd!).toBeCloseTo(c.factor, 1);
      expect(desk.state.current.state).toBe('REDUCING');
      expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toHaveLength(1);
    });

    it(`${c.label} holding ${c.factor} times what the journal knows: caught, and the restore order brings it back within one lot`, async () => {
      const desk = await open(mode, wrongOn('sent'));
      const receipt = await desk.tickets.submit(btcTicket(`${tag}-asym-${mode}`));
      expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
      const approved = journalOf(desk.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;

      const [pair] = await desk.book.pairs();
      const [mismatch] = pair.mismatches;
      expect(mismatch).toMatchObject({ venue: c.leg.venue, approvedCoins: approved, restore: { side: 'sell' } });
      expect(mismatch.venueCoins).toBeCloseTo(approved * c.factor, 9);
      expect(mismatch.restore!.quantity).toBeCloseTo(approved * (c.factor - 1), 9);
      expect(desk.state.current.state).toBe('REDUCING');

      const result = await restoreApproved({ journal: journalOf(desk.store), gateway: desk.gateway, watch: desk.watch, now: () => suite.sim.clock.now() }, { pairId: pair.pairId, venue: c.leg.venue, symbol: c.leg.symbol });
      expect(result).toMatchObject({ sent: true, resolved: true });
      const lot = desk.brokers.get(c.leg.venue)!.lot(c.leg.symbol).step!;
      expect(lot).toBeCloseTo(c.lot, 12);
      expect(Math.abs((await deskHolds(suite.sim, desk, c.leg)).coins - approved)).toBeLessThanOrEqual(lot + 1e-12);
      const [after] = await desk.book.pairs();
      expect(after.mismatches).toEqual([]);
    });
  });
}
