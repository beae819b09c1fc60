/**
 * The pre-trade checklist (docs/domain.md §5) as pure rules over the preview main computed on its
 * own fresh data. `fail` blocks submission; `warn` is shown and recorded but does not block.
 * A warning that needs the trader's acknowledgement fails until it is acknowledged.
 */
import { onStep } from './lots.ts';
import { pairSpreadPer8h, takeProfitProblem } from './takeProfit.ts';
import type { ChecklistItem, ChecklistItemId, LegPreview, RiskSettings, Ticket, TicketPreview } from '../domain/ticket.ts';
import { CONTINUOUS_FUNDING_VENUES, CROSS_MARGIN_ONLY, VENUES } from '../domain/venues.ts';
import type { SpreadDecay } from '../domain/signals.ts';
import { borrowSourceText, feeSourceText } from '../domain/fees.ts';
import { bandRefusal, maxSlippageOf } from './slippage.ts';

export interface LegContext {
  /** Venue's largest leverage for the symbol when known (from its tiers). */
  maxLeverage: number | null;
  /** Mean |rate per 8 h| over the recent history, null without history. */
  recentMeanAbsPer8h: number | null;
  /** The margin mode the venue account fixes for every symbol (a Bybit unified account), null where the ticket sets it. */
  accountMarginMode?: 'cross' | 'isolated' | null;
}

export interface ChecklistInput {
  now: number;
  ticket: Ticket;
  preview: Omit<TicketPreview, 'checklist' | 'passed'>;
  legContext: readonly LegContext[];
  settings: RiskSettings;
}

type Rule = (input: ChecklistInput) => ChecklistItem;

const item = (id: ChecklistItemId, label: string, kind: ChecklistItem['kind'], status: ChecklistItem['status'], detail: string): ChecklistItem =>
  ({ id, label, kind, status, detail });

const pct = (value: number, digits = 2) => `${(value * 100).toFixed(digits)} %`;
/** Dollars in a checklist sentence: "$12.50", "−$12.68" (the sign before the symbol). */
const usd = (value: number) => `${value < 0 && value.toFixed(2) !== '-0.00' ? '−' : ''}$${Math.abs(value).toFixed(2)}`;
const where = (leg: Pick<LegPreview, 'symbol' | 'venue'>) => `${leg.symbol} on ${leg.venue}`;
const perpLegs = (input: ChecklistInput) => input.preview.legs.filter((leg) => leg.instrument === 'perp');

const dataFresh: Rule = (input) => {
  const label = 'Funding rate and next settlement verified (data fresh)';
  const problems: string[] = [];
  for (const leg of perpLegs(input)) {
    const bound = VENUES[leg.venue].staleAfterMs;
    if (leg.quoteAgeMs === null) problems.push(`no funding quote for ${where(leg)}`);
    else if (leg.quoteAgeMs > bound) problems.push(`${where(leg)} quote is ${(leg.quoteAgeMs / 1000).toFixed(0)} s old (stale after ${bound / 1000} s)`);
    if (leg.rate === null) problems.push(`${where(leg)} has no funding rate`);
    if (leg.nextFundingTime === null && !CONTINUOUS_FUNDING_VENUES.has(leg.venue)) problems.push(`${where(leg)} has no next settlement time`);
  }
  if (problems.length) return item('data-fresh', label, 'auto', 'fail', problems.join('; '));
  const text = perpLegs(input).map((leg) => `${where(leg)} ${pct(leg.ratePer8h!, 4)}/8 h (${leg.rateKind}), ${leg.nextFundingTime === null ? 'funded continuously' : `next ${new Date(leg.nextFundingTime).toISOString().slice(11, 16)} UTC`}`);
  return item('data-fresh', label, 'auto', 'pass', text.join('; '));
};

/** Each spot sell's borrow interest: USD to the planned exit, at its rate per day and the rate's source. */
function borrowWords(legs: readonly LegPreview[]): string[] {
  return legs.filter((leg) => leg.borrowDailyRate !== null && leg.borrowRateSource !== null)
    .map((leg) => `borrow interest ${usd(leg.borrowUsd)} for ${where(leg)} (${pct(leg.borrowDailyRate!, 4)}/day, ${borrowSourceText(leg.borrowRateSource!, leg.borrowRateReadAt)})`);
}

const costs: Rule = (input) => {
  const label = 'All-in cost against expected funding; break-even shown';
  const { preview, ticket } = input;
  const thin = preview.legs.filter((leg) => !leg.bookComplete);
  if (thin.length) return item('costs', label, 'auto', 'fail', thin.map((leg) => `order book of ${where(leg)} cannot fill ${leg.quantity} at once`).join('; '));
  const c = preview.costs;
  const feeWords = preview.legs.map((leg) => `${leg.venue} ${pct(leg.takerFeeRate, 3)} ${feeSourceText({ source: leg.feeSource, readAt: leg.feeReadAt })}`).join(', ');
  const parts = [`fees ${usd(c.feesUsd)} in and out (taker ${feeWords})`, `spread crossing ${usd(c.crossingUsd)}`, `slippage ${usd(c.slippageUsd)} in + ${usd(c.exitSlippageUsd)} out (est.)`,
    `entry basis ${usd(c.basisUsd)}`, `transfer ${usd(c.transferUsd)}`, ...borrowWords(preview.legs)];
  const summary = `costs ${usd(c.totalUsd)} (${parts.join(', ')}) vs funding ${usd(preview.expectedFundingUsd)} to exit ${decayWords(preview.decay)}; break-even ${preview.breakEvenHours === null ? 'not reached within 30 days' : `${preview.breakEvenHours.toFixed(1)} h`}`;
  if (preview.netUsd >= 0) return item('costs', label, 'auto', 'pass', summary);
  if (ticket.acknowledgements.negativeCarry) return item('costs', label, 'auto', 'warn', `${summary}; net ${usd(preview.netUsd)} acknowledged`);
  return item('costs', label, 'auto', 'fail', `${summary}: net ${usd(preview.netUsd)} by the planned exit; acknowledge it or change the plan`);
};

/** Which expectation the funding figure is: the pair's fit with its n, or the default and why. */
export function decayWords(decay: SpreadDecay | undefined): string {
  if (!decay || decay.source === 'constant') return 'with the spread held';
  const halfLife = decay.halfLifeHours === null ? 'no half-life' : `half-life ${decay.halfLifeHours.toFixed(1)} h`;
  const level = `towards ${pct(decay.levelPer8h, 4)}/8 h`;
  if (decay.source === 'fit') return `as the spread decays (fit on n = ${decay.n} 8-h steps, ${halfLife} ${level})`;
  return `as the spread decays by the conservative default (${halfLife} ${level}: ${decay.reason})`;
}

/** How a met exit acts, in the words the checklist uses. */
const acts = (action: 'close' | 'alert') => (action === 'close' ? 'closes the pair automatically' : 'alerts only');

const basisStop: Rule = ({ ticket }) => {
  const label = 'Basis risk assessed and a basis stop set';
  if (ticket.basisStopPct === null) return item('basis-stop', label, 'manual', 'fail', 'set a basis stop (price-gap move that closes the pair)');
  return item('basis-stop', label, 'manual', 'pass', `basis stop at ${pct(ticket.basisStopPct)}, ${acts(ticket.exitActions.basisStop)}`);
};

/**
 * What a leg's liquidation distance is judged against: the leg's 99 % adverse price move over
 * the holding period from realised volatility; without price history, the old proxy of a
 * multiple of the basis stop, said so (the stop limits the legs' gap, not either leg's price).
 */
function againstWhat(leg: LegPreview, ticket: Ticket, settings: RiskSettings): string {
  if (leg.adverseMovePct !== null) return `beyond its 99 % adverse move of ${pct(leg.adverseMovePct)} over the hold (realised volatility, n = ${leg.volatilityReturns} returns)`;
  const stop = ticket.basisStopPct === null ? 'no basis stop' : `${settings.liquidationBufferMultiple}× the basis stop (${pct(ticket.basisStopPct * settings.liquidationBufferMultiple)})`;
  return `no price history: judged against ${stop}`;
}

function liquidationProblem(leg: LegPreview, ticket: Ticket, settings: RiskSettings): string[] {
  const distance = leg.liquidationDistancePct;
  if (leg.adverseMovePct !== null) {
    return distance !== null && distance < leg.adverseMovePct
      ? [`${where(leg)} liquidates ${pct(distance)} away, inside its 99 % adverse move of ${pct(leg.adverseMovePct)} over the hold (realised volatility, n = ${leg.volatilityReturns}): lower the leverage or the holding period`]
      : [];
  }
  if (ticket.basisStopPct === null) return [`no price history and no basis stop to compare ${where(leg)}'s liquidation distance with`];
  const buffer = ticket.basisStopPct * settings.liquidationBufferMultiple;
  return distance !== null && distance < buffer
    ? [`${where(leg)} liquidates ${pct(distance)} away, inside ${settings.liquidationBufferMultiple}× the stop (${pct(buffer)}; no price history for its volatility): lower the leverage`]
    : [];
}

const margin: Rule = (input) => {
  const label = 'Sufficient margin on both legs; liquidation beyond the stop';
  const { preview, ticket, settings } = input;
  const problems: string[] = [];
  for (const venue of preview.margin) {
    if (venue.free < venue.needed) problems.push(`${venue.venue} needs ${usd(venue.needed)} margin, ${usd(venue.free)} free`);
  }
  for (const move of preview.costs.transfers) problems.push(`move ${usd(move.amount)} from ${move.from} to ${move.to} first (fee ${usd(move.feeUsd)})`);
  input.preview.legs.forEach((leg, i) => {
    const crossOnly = CROSS_MARGIN_ONLY[leg.venue];
    if (leg.instrument === 'perp' && crossOnly !== undefined && ticket.marginMode !== 'cross') {
      problems.push(`${crossOnly}: Funding Terminal trades ${leg.venue} in cross margin only, choose cross on the ticket`);
    }
    const fixed = input.legContext[i]?.accountMarginMode ?? null;
    if (leg.instrument === 'perp' && fixed !== null && fixed !== ticket.marginMode) {
      problems.push(`the ${leg.venue} account is in ${fixed} margin for every symbol and the ticket asks ${ticket.marginMode}: choose ${fixed} on the ticket, or change the account's margin mode at ${leg.venue} (the terminal never switches a whole account)`);
    }
  });
  problems.push(...perpLegs(input).flatMap((leg) => liquidationProblem(leg, ticket, settings)));
  if (problems.length) return item('margin', label, 'auto', 'fail', problems.join('; '));
  const distances = perpLegs(input).map((leg) => `${leg.venue} liquidation ${pct(leg.liquidationDistancePct ?? 0)} away${leg.marginMode === 'cross' ? ' (cross: account-wide, from the venue\'s equity)' : ''}, ${againstWhat(leg, ticket, settings)}`);
  return item('margin', label, 'auto', 'pass', [...preview.margin.map((v) => `${v.venue} ${usd(v.needed)} of ${usd(v.free)} free`), ...distances].join('; '));
};

const hedge: Rule = (input) => {
  const label = 'Delta hedged: legs matched in base quantity';
  const [a, b] = input.preview.legs;
  if (a.side === b.side) return item('hedge', label, 'auto', 'fail', `both legs ${a.side}: a hedge needs one buy and one sell`);
  const mismatch = Math.abs(a.quantity - b.quantity) / Math.max(a.quantity, b.quantity);
  if (!(mismatch <= input.settings.hedgeTolerancePct)) {
    return item('hedge', label, 'auto', 'fail', `legs differ by ${pct(mismatch)} of base quantity (tolerance ${pct(input.settings.hedgeTolerancePct)})`);
  }
  return item('hedge', label, 'auto', 'pass', `${a.side} ${a.quantity} / ${b.side} ${b.quantity} ${input.ticket.base}`);
};

/**
 * Both exits are the trader's to set; a take-profit left out (null) is a choice the checklist
 * says in words, and one set must lie between 0 and the spread the legs earn now
 * (`takeProfit.ts`), checked here on main's own rates whatever the renderer showed.
 */
const exits: Rule = ({ ticket, preview }) => {
  const label = 'Profit target and maximum holding period set';
  if (ticket.maxHoldingHours === null) return item('exits', label, 'manual', 'fail', 'set a maximum holding period');
  const { takeProfit, maxHolding } = ticket.exitActions;
  const holding = `maximum holding ${ticket.maxHoldingHours} h (${acts(maxHolding)})`;
  const target = ticket.takeProfitSpreadPer8h;
  if (target === null) return item('exits', label, 'manual', 'warn', `no take-profit: the pair is held to its ${holding} or a stop`);
  const problem = takeProfitProblem(target, pairSpreadPer8h(preview.legs));
  if (problem) return item('exits', label, 'manual', 'fail', problem);
  return item('exits', label, 'manual', 'pass', `take profit at ${pct(target, 4)}/8 h spread (${acts(takeProfit)}), ${holding}`);
};

const alignment: Rule = ({ preview, ticket }) => {
  const label = 'Sector alignment';
  const { tag, reason } = preview.alignment;
  if (tag !== 'contradicted') return item('alignment', label, 'auto', 'pass', `${tag}: ${reason}`);
  if (ticket.override && ticket.override.length >= 10) return item('alignment', label, 'manual', 'warn', `contradicted: ${reason} Override recorded: "${ticket.override}"`);
  return item('alignment', label, 'manual', 'fail', `contradicted: ${reason} Type an override reason (10 characters or more) to trade against it`);
};

/**
 * The 2 % rule sizes the trade on the loss at the basis stop; that loss is a limit only when
 * something closes the pair there, so a stop set to alert only is said in words (a warning).
 */
function stopEnforcement(preview: ChecklistInput['preview'], ticket: Ticket): { text: string; enforced: boolean } {
  const { basisStop, maxLoss } = ticket.exitActions;
  const limit = `max-loss stop at ${usd(-preview.risk.maxLossUsd)}${preview.risk.maxLossSource === 'risk-rule' ? ' (the 2 % rule)' : ''} ${acts(maxLoss)}`;
  if (basisStop === 'close') return { text: `; ${limit}`, enforced: true };
  const rest = maxLoss === 'close' ? `only the ${limit}` : `and the ${limit}: nothing closes the pair`;
  return { text: `; not enforced: the basis stop alerts only, ${rest}`, enforced: false };
}

const risk: Rule = ({ preview, ticket }) => {
  const label = `Risk at the stop ≤ ${pct(preview.risk.maxRiskPct, 1)} of equity`;
  if (preview.risk.riskPct === null) return item('risk', label, 'auto', 'fail', 'no basis stop: the loss at the stop cannot be measured');
  if (preview.quantitySource === 'risk-rule') return item('risk', label, 'manual', 'fail', `enter a quantity: the rule allows up to ${preview.suggestedQuantity.toPrecision(4)} ${ticket.base}`);
  const stops = stopEnforcement(preview, ticket);
  const text = `loss at stop ${usd(preview.risk.lossAtStopUsd!)} = ${pct(preview.risk.riskPct)} of equity ${usd(preview.equityUsd)}${stops.text}`;
  if (preview.risk.riskPct > preview.risk.maxRiskPct) return item('risk', label, 'auto', 'fail', `${text}; the rule allows ${preview.suggestedQuantity.toPrecision(4)} ${ticket.base}`);
  return item('risk', label, 'auto', stops.enforced ? 'pass' : 'warn', text);
};

const exposure: Rule = ({ preview }) => {
  const label = `Total arbitrage exposure ≤ ${pct(preview.exposure.capPct, 0)}`;
  const text = `after the trade ${usd(preview.exposure.afterUsd)} = ${pct(preview.exposure.afterPct)} of equity`;
  return item('exposure', label, 'auto', preview.exposure.afterPct > preview.exposure.capPct ? 'fail' : 'pass', text);
};

const leverage: Rule = (input) => {
  const cap = input.settings.leverageCap;
  const label = `Leverage ≤ ${cap}×`;
  const problems: string[] = [];
  if (input.ticket.leverage > cap) problems.push(`${input.ticket.leverage}× is above the cap of ${cap}×`);
  input.preview.legs.forEach((leg, i) => {
    const venueMax = input.legContext[i]?.maxLeverage ?? null;
    if (leg.instrument === 'perp' && venueMax !== null && leg.leverage > venueMax) problems.push(`${where(leg)} allows at most ${venueMax}×`);
  });
  return item('leverage', label, 'auto', problems.length ? 'fail' : 'pass', problems.length ? problems.join('; ') : `${input.ticket.leverage}×`);
};

const settlementTiming: Rule = (input) => {
  const minutes = input.settings.settlementWarningMinutes;
  const label = `Not entering within ${minutes} min before a settlement the position pays`;
  const paying = perpLegs(input).filter((leg) => leg.paysNextSettlement && leg.nextFundingTime !== null
    && leg.nextFundingTime - input.now >= 0 && leg.nextFundingTime - input.now <= minutes * 60_000);
  if (!paying.length) return item('settlement-timing', label, 'auto', 'pass', 'no paying settlement in the window');
  const text = paying.map((leg) => `${where(leg)} pays at ${new Date(leg.nextFundingTime!).toISOString().slice(11, 16)} UTC, in ${Math.ceil((leg.nextFundingTime! - input.now) / 60_000)} min`).join('; ');
  if (input.ticket.acknowledgements.settlementTiming) return item('settlement-timing', label, 'manual', 'warn', `${text} (acknowledged)`);
  return item('settlement-timing', label, 'manual', 'fail', `${text}: acknowledge or wait until after it`);
};

const rateChasing: Rule = (input) => {
  const label = 'Not chasing an extreme rate';
  const { chasingRatePer8h, chasingHistoryMultiple } = input.settings;
  const warnings: string[] = [];
  input.preview.legs.forEach((leg, i) => {
    if (leg.instrument !== 'perp' || leg.ratePer8h === null) return;
    const level = Math.abs(leg.ratePer8h);
    const history = input.legContext[i]?.recentMeanAbsPer8h ?? null;
    if (level >= chasingRatePer8h) warnings.push(`${where(leg)} at ${pct(leg.ratePer8h, 4)}/8 h is near the caps (≥ ${pct(chasingRatePer8h, 3)})`);
    else if (history !== null && history > 0 && level >= chasingHistoryMultiple * history) {
      warnings.push(`${where(leg)} at ${pct(leg.ratePer8h, 4)}/8 h is ${(level / history).toFixed(1)}× its recent mean`);
    }
  });
  return item('rate-chasing', label, 'auto', warnings.length ? 'warn' : 'pass', warnings.length ? `${warnings.join('; ')}: such rates tend to revert` : 'rates within their usual range');
};

const lotSize: Rule = ({ preview }) => {
  const label = 'Quantity in whole lots of each venue, above its minimums';
  const problems: string[] = [];
  for (const leg of preview.legs) {
    if (!(leg.quantity > 0)) problems.push(`${where(leg)}: quantity rounds down to nothing${leg.lotStep === null ? '' : ` on its lot step ${leg.lotStep}`}`);
    else if (!onStep(leg.quantity, leg.lotStep)) problems.push(`${where(leg)}: ${leg.quantity} is not a whole number of its lot step ${leg.lotStep}`);
    if (leg.minQuantity !== null && leg.quantity < leg.minQuantity) problems.push(`${where(leg)}: ${leg.quantity} is below its minimum quantity ${leg.minQuantity}`);
    // The legs hold one base quantity at prices within the basis: the pair's notional stands for each.
    if (leg.minNotional !== null && preview.notionalUsd < leg.minNotional) problems.push(`${where(leg)}: ${usd(preview.notionalUsd)} is below its minimum order value ${usd(leg.minNotional)}`);
  }
  if (problems.length) return item('lot-size', label, 'auto', 'fail', problems.join('; '));
  const steps = preview.legs.map((leg) => `${leg.venue} step ${leg.lotStep ?? 'unknown'}`).join(', ');
  const rounded = preview.requestedQuantity !== undefined && preview.requestedQuantity !== preview.quantity ? `; rounded down from ${preview.requestedQuantity}` : '';
  return item('lot-size', label, 'auto', 'pass', `${preview.quantity} ${steps}${rounded}`);
};

/** One leg's walk at size in words: "BTC/USDT:USDT on bybit 0.012 % average, 0.030 % at the farthest level". */
const walkWords = (leg: LegPreview) => `${where(leg)} ${pct(leg.slippagePct ?? 0, 3)} average, ${pct(leg.farthestFillPct ?? 0, 3)} at the farthest level`;

/**
 * Each leg's walk of main's fresh book at size stays within the maximum slippage: no coin would
 * fill farther beyond the best price than the bound the leg is sent with (docs/orders.md,
 * "Maximum slippage"), and that bound lies inside the venue's price band.
 */
const slippage: Rule = ({ preview, ticket, settings }) => {
  const max = preview.maxSlippagePct ?? maxSlippageOf(ticket, settings);
  const label = `Slippage at size within the max (${pct(max)} beyond the best price)`;
  const problems: string[] = [];
  preview.legs.forEach((leg, i) => {
    const band = bandRefusal(ticket.legs[i], max);
    if (band) problems.push(band);
    if (!leg.bookComplete) problems.push(`the order book of ${where(leg)} cannot fill ${leg.quantity} at once, so its slippage at size is unknown`);
    else if (leg.farthestFillPct !== null && leg.farthestFillPct > max * (1 + 1e-9)) {
      problems.push(`${walkWords(leg)} beyond the best price at ${leg.quantity}, above the max of ${pct(max)}: lower the quantity or raise the max slippage`);
    }
  });
  if (problems.length) return item('slippage', label, 'auto', 'fail', problems.join('; '));
  return item('slippage', label, 'auto', 'pass', `${preview.legs.map(walkWords).join('; ')} beyond the best price at ${preview.quantity}`);
};

const RULES: readonly Rule[] = [dataFresh, costs, slippage, basisStop, margin, hedge, exits, alignment, risk, exposure, leverage, settlementTiming, rateChasing, lotSize];

export function evaluateChecklist(input: ChecklistInput): ChecklistItem[] {
  return RULES.map((rule) => rule(input));
}

export function failingItems(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.filter((i) => i.status === 'fail');
}

export function checklistPassed(items: readonly ChecklistItem[]): boolean {
  return failingItems(items).length === 0;
}
