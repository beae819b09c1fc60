/**
 * Paradex funds continuously and settles the accrued funding into the balance; its funding
 * payments (`GET /v1/funding/payments`) are what was settled, `payment` in USDC, which ccxt passes
 * through as the amount and the journal stores as income (positive = received). Checked on
 * Paradex's documented row replayed to the live broker, and end to end through the gateway
 * against the simulator (whose model settles every 8 h), both ways round against a Binance leg,
 * the simulator's rows against the documented one (docs/venues.md, "Paradex", "Funding income").
 * The live broker is built directly: the desk offers Paradex as monitoring only.
 */
import { describe, expect, it } from 'vitest';
import type { Side } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { recorded } from './recordedFixtures.ts';
import { recordedFundingPayments } from './recordedProxy.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { wireClient } from './venueClients.ts';
import { fundingSignSuite, settledPair, signCasesAgainstBinance } from './fundingSignPair.ts';

const VENUES: VenueId[] = ['paradex', 'binanceusdm'];
const BTC = 'BTC/USD:USDC';
const context = fundingSignSuite(VENUES, 20, 23);

const settled = async (ticketId: string, paradexSide: Side): Promise<Map<VenueId, number>> => {
  const { amounts, held } = await settledPair(context, 'paradex', 'BTC-USD-PERP', ticketId, paradexSide, { symbol: BTC, marginMode: 'cross' });
  // Paradex counts coins (no contract multiplier): its account holds the 0.1 BTC, signed by side.
  expect(held).toEqual([['BTC-USD-PERP', paradexSide === 'buy' ? 0.1 : -0.1]]);
  return amounts;
};

describe('Paradex funding income sign', () => {
  it("Paradex's documented payment row, replayed: the BTC-USD-PERP payment is income +34.4490622 at its time", async () => {
    const answer = recorded('paradex', 'fetchFundingHistory').response;
    const payments = await recordedFundingPayments(context.sim.url, 'paradex', 'GET /paradex/v1/funding/payments', answer, BTC);
    expect(payments.map((p) => [p.symbol, p.time, p.amount])).toEqual([[BTC, 1681375481000, 34.4490622]]);
  });

  signCasesAgainstBinance('Paradex', 'paradex', 'pdx', settled);

  it("the simulator's payment rows have the fields and JSON types of the documented one: the short's received, the long's paid", async () => {
    const client = wireClient(context.sim, 'paradex');
    await client.exchange.loadMarkets();
    await client.exchange.fetchFundingHistory(BTC, 0);
    const simulated = client.answer('GET', '/paradex/v1/funding/payments') as { results: Array<{ payment: string }> };
    expect(unexplainedDifferences(recorded('paradex', 'fetchFundingHistory').response, simulated, {})).toEqual([]);
    // Newest first (Paradex's pages): the long's settlement (paid), then the short's (received).
    expect(simulated.results.map((row) => Math.sign(Number(row.payment)))).toEqual([-1, 1]);
    await client.exchange.close();
  });
});
