/**
 * KuCoin Futures' funding rows state `funding` as the account's income: negative when the
 * position paid (KuCoin's documented row: a 12-lot ETHUSDTM long at +0.01 % shows −0.05535396,
 * its `positionCost` × the rate). ccxt passes it through as the amount, and the journal stores
 * income (positive = received): checked on KuCoin's own row replayed to the live broker, and end
 * to end through the gateway against the simulator, both ways round, whose row is checked
 * against the documented one (docs/venues.md, "KuCoin Futures", "Funding sign").
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIVERSE_SIZE } from '../../../electron/simulator/universe.ts';
import type { Side } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { fundingSignSuite, settledPair, signCasesAgainstBinance } from './fundingSignPair.ts';
import { recorded } from './recordedFixtures.ts';
import { recordedFundingPayments } from './recordedProxy.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { wireClient } from './venueClients.ts';

const VENUES: VenueId[] = ['kucoinfutures', 'binanceusdm'];
const BTC = 'BTC/USDT:USDT';
const ID: Record<'kucoinfutures' | 'binanceusdm', string> = { kucoinfutures: 'XBTUSDTM', binanceusdm: 'BTCUSDT' };
// The documented row names ETHUSDTM: the default universe lists it.
const context = fundingSignSuite(VENUES, DEFAULT_UNIVERSE_SIZE, 17);

const settled = async (ticketId: string, kucoinSide: Side): Promise<Map<VenueId, number>> => {
  const { amounts, held } = await settledPair(context, 'kucoinfutures', ID.kucoinfutures, ticketId, kucoinSide);
  // 100 lots of 0.001 BTC: KuCoin's own account holds the 0.1 BTC, signed by side.
  expect(held).toEqual([[ID.kucoinfutures, kucoinSide === 'buy' ? 100 : -100]]);
  return amounts;
};

describe('KuCoin Futures funding income sign', () => {
  it("KuCoin's documented row: the 12-lot ETHUSDTM long that paid at +0.01 % is income −0.05535396", async () => {
    const answer = recorded('kucoinfutures', 'fetchFundingHistory').response;
    const payments = await recordedFundingPayments(context.sim.url, 'kucoinfutures', 'GET /api/v1/funding-history', answer, 'ETH/USDT:USDT');
    expect(payments.map((p) => [p.symbol, p.time, p.amount])).toEqual([['ETH/USDT:USDT', 1638532800000, -0.05535396]]);
  });

  signCasesAgainstBinance('KuCoin', 'kucoinfutures', 'kc', settled);

  it("the simulator's funding row has the fields and JSON types of KuCoin's documented one, a short's positionQty negative", async () => {
    const client = wireClient(context.sim, 'kucoinfutures');
    await client.exchange.loadMarkets();
    await client.exchange.fetchFundingHistory(BTC, 0);
    const simulated = client.answer('GET', '/api/v1/funding-history') as { data: { dataList: Array<{ positionQty: number; funding: number }> } };
    expect(unexplainedDifferences(recorded('kucoinfutures', 'fetchFundingHistory').response, simulated, {})).toEqual([]);
    // Newest first: the long's settlement (paid), then the short's (received).
    expect(simulated.data.dataList.map((row) => [Math.sign(row.positionQty), Math.sign(row.funding)])).toEqual([[1, -1], [-1, 1]]);
    await client.exchange.close();
  });
});
