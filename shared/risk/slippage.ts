/**
 * The ticket's maximum slippage (docs/orders.md, "Maximum slippage"): one fraction for both
 * legs, how far beyond its best price any coin of a market leg may fill. The checklist holds
 * each leg's walk of the live book at size to it, and where a venue takes a price on a market
 * order the leg goes out bounded at the best price moved by it.
 */
import type { RiskSettings, Ticket, TicketLeg } from '../domain/ticket.ts';
import { VENUES, type VenueId } from '../domain/venues.ts';

/**
 * Where a spot market buy goes out as an IOC limit (Bitget's v2 and Gate's v4 spot buys are sized
 * in USDT, docs/orders.md "Spot legs"), the band the venue holds limit prices to around the
 * market: Bitget's `buyLimitPriceRatio` 5 %, Gate's `up_rate` 8 %. A bound beyond it is refused.
 */
export const SPOT_BUY_LIMIT_BANDS: Readonly<Partial<Record<VenueId, number>>> = { bitget: 0.05, gate: 0.08 };

/** The ticket's maximum slippage, else the one Settings starts a ticket at. */
export function maxSlippageOf(ticket: Pick<Ticket, 'maxSlippagePct'>, settings: Pick<RiskSettings, 'maxSlippagePct'>): number {
  return ticket.maxSlippagePct ?? settings.maxSlippagePct;
}

/** The worst price per coin a market order may fill at: above the best ask for a buy, below the best bid for a sell. */
export function slippageBound(side: 'buy' | 'sell', best: number, maxSlippagePct: number): number {
  return side === 'buy' ? best * (1 + maxSlippagePct) : best * (1 - maxSlippagePct);
}

const pct = (value: number) => `${+(value * 100).toFixed(4)} %`;

/** Why a leg cannot be sent bounded at `maxSlippagePct`: its limit would lie beyond the venue's band; null when it can. */
export function bandRefusal(leg: Pick<TicketLeg, 'venue' | 'symbol' | 'side' | 'instrument'>, maxSlippagePct: number): string | null {
  const band = leg.instrument === 'spot' && leg.side === 'buy' ? SPOT_BUY_LIMIT_BANDS[leg.venue] : undefined;
  if (band === undefined || maxSlippagePct <= band) return null;
  return `${leg.symbol}: a max slippage of ${pct(maxSlippagePct)} is above ${VENUES[leg.venue].label}'s ${pct(band)} band on spot limit prices, `
    + `and a spot buy there goes out as a limit at the best ask plus the max: set ${pct(band)} or less`;
}
