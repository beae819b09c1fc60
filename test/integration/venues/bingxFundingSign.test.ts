/**
 * BingX's funding rows are the account's income (`/openApi/swap/v2/user/income`,
 * `incomeType` FUNDING_FEE): `income` negative when the position paid (ccxt's recorded real rows:
 * an LTC-USDT position's −0.00056154). ccxt passes it through as the amount, which the journal
 * stores as income (positive = received): checked on the recorded row replayed to the live
 * broker, and end to end through the gateway against the simulator, both ways round, whose rows
 * are checked against the recorded ones (docs/venues.md, "BingX", "Funding sign").
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIVERSE_SIZE } from '../../../electron/simulator/universe.ts';
import type { Side } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { recorded } from './recordedFixtures.ts';
import { recordedFundingPayments } from './recordedProxy.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { wireClient } from './venueClients.ts';
import { fundingSignSuite, settledPair, signCasesAgainstBinance } from './fundingSignPair.ts';

const VENUES: VenueId[] = ['bingx', 'binanceusdm'];
// The recorded rows name LTC-USDT: the default universe lists it.
const context = fundingSignSuite(VENUES, DEFAULT_UNIVERSE_SIZE, 19);

const settled = async (ticketId: string, bingxSide: Side): Promise<Map<VenueId, number>> => {
  const { amounts, held } = await settledPair(context, 'bingx', 'BTC-USDT', ticketId, bingxSide);
  // BingX counts coins: its own account holds the 0.1 BTC, signed by side.
  expect(held).toEqual([['BTC-USDT', bingxSide === 'buy' ? 0.1 : -0.1]]);
  return amounts;
};

describe('BingX funding income sign', () => {
  it("ccxt's recorded BingX row: the LTC-USDT position that paid is income −0.00056154", async () => {
    const answer = recorded('bingx', 'fetchFundingHistory').response;
    const payments = await recordedFundingPayments(context.sim.url, 'bingx', 'GET /openApi/swap/v2/user/income', answer, 'LTC/USDT:USDT');
    expect(payments.map((p) => [p.symbol, p.time, p.amount])).toEqual([['LTC/USDT:USDT', 1769241660000, -0.00056154]]);
  });

  signCasesAgainstBinance('BingX', 'bingx', 'bx', settled);

  it("the simulator's income rows have the fields and JSON types of the recorded ones: the short's received, the long's paid", async () => {
    const client = wireClient(context.sim, 'bingx');
    await client.exchange.loadMarkets();
    await client.exchange.fetchFundingHistory('BTC/USDT:USDT', 0);
    const simulated = client.answer('GET', '/openApi/swap/v2/user/income') as { data: Array<{ income: string }> };
    expect(unexplainedDifferences(recorded('bingx', 'fetchFundingHistory').response, simulated, {})).toEqual([]);
    // Oldest first: the short's settlement (received), then the long's (paid).
    expect(simulated.data.map((row) => Math.sign(Number(row.income)))).toEqual([1, -1]);
    await client.exchange.close();
  });
});
