import { describe, expect, it } from 'vitest';
import { TicketSchema, type TicketInput } from '../../../shared/domain/ticket.ts';
import { allowedQuantityText, formFromPrefill, legOnVenue, listingsOf, newTicketId, ticketFromForm, type TicketForm } from '../../../renderer/store/ticketForm.ts';

const prefill: TicketInput = {
  ticketId: 'BTC-1',
  kind: 'perp-perp',
  base: 'BTC',
  legs: [
    { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' },
    { venue: 'bybit', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' },
  ],
  quantity: null,
  leverage: 3,
  basisStopPct: null,
  takeProfitSpreadPer8h: null,
  maxHoldingHours: null,
};

function typed(patch: Partial<TicketForm>): TicketForm {
  return { ...formFromPrefill(prefill), ...patch };
}

describe('the ticket form', () => {
  it('a prefilled ticket leaves quantity, stop and exits empty for the trader', () => {
    const form = formFromPrefill(prefill);
    expect(form).toMatchObject({ quantity: '', leverage: '3', basisStopPct: '', takeProfitPct: '', maxHoldingHours: '', override: '' });
    expect(form.legs[0]).not.toBe(prefill.legs[0]);
  });

  it('percent typed by the trader leaves as decimals: a 1.5 % stop is 0.015, a 0.02 % /8h target is 0.0002', () => {
    const result = ticketFromForm(typed({ basisStopPct: '1.5', takeProfitPct: '0.02', maxHoldingHours: '72', quantity: '0.25' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket.basisStopPct).toBeCloseTo(0.015, 12);
    expect(result.ticket.takeProfitSpreadPer8h).toBeCloseTo(0.0002, 12);
    expect(result.ticket).toMatchObject({ quantity: 0.25, maxHoldingHours: 72, leverage: 3 });
    expect(TicketSchema.safeParse(result.ticket).success).toBe(true);
  });

  it('stops close and the other exits alert unless the trader says otherwise; each choice and the max-loss limit reach the ticket', () => {
    expect(formFromPrefill(prefill)).toMatchObject({ maxLoss: '', maxLossUnit: 'usd', closes: { basisStop: true, maxLoss: true, takeProfit: false, maxHolding: false } });
    const defaults = ticketFromForm(typed({}));
    expect(defaults.ok && defaults.ticket).toMatchObject({ maxLoss: null, exitActions: { basisStop: 'close', maxLoss: 'close', takeProfit: 'alert', maxHolding: 'alert' } });
    const chosen = ticketFromForm(typed({ maxLoss: '1.5', maxLossUnit: 'equity-pct', closes: { basisStop: false, maxLoss: true, takeProfit: true, maxHolding: true } }));
    expect(chosen.ok && chosen.ticket.exitActions).toEqual({ basisStop: 'alert', maxLoss: 'close', takeProfit: 'close', maxHolding: 'close' });
    expect(chosen.ok && chosen.ticket.maxLoss).toEqual({ unit: 'equity', value: 0.015 });
    expect(chosen.ok && TicketSchema.parse(chosen.ticket).maxLoss).toEqual({ unit: 'equity', value: 0.015 });
    const usd = ticketFromForm(typed({ maxLoss: '250' }));
    expect(usd.ok && usd.ticket.maxLoss).toEqual({ unit: 'usd', value: 250 });
    // A ticket sent back to the form keeps the choices.
    expect(formFromPrefill({ ...prefill, maxLoss: { unit: 'equity', value: 0.015 }, exitActions: { basisStop: 'alert' } })).toMatchObject({ maxLoss: '1.5', maxLossUnit: 'equity-pct', closes: { basisStop: false, maxLoss: true } });
    expect(ticketFromForm(typed({ maxLoss: '-5' }))).toEqual({ ok: false, problems: { maxLoss: 'above 0 USD (or leave it empty for the 2 % rule)' } });
    expect(ticketFromForm(typed({ maxLoss: '150', maxLossUnit: 'equity-pct' }))).toEqual({ ok: false, problems: { maxLoss: 'at most 100 % of equity' } });
  });

  it('the max slippage is typed in percent beyond the best price, prefilled from the ticket (Settings\' value), and said wrong in that unit beside its field', () => {
    expect(formFromPrefill({ ...prefill, maxSlippagePct: 0.005 }).maxSlippagePct).toBe('0.5');
    const typedMax = ticketFromForm(typed({ maxSlippagePct: '0.25' }));
    expect(typedMax.ok && typedMax.ticket.maxSlippagePct).toBeCloseTo(0.0025, 12);
    // Empty: main holds the legs to the Settings value.
    const empty = ticketFromForm(typed({ maxSlippagePct: '' }));
    expect(empty.ok && empty.ticket.maxSlippagePct).toBeNull();
    expect(ticketFromForm(typed({ maxSlippagePct: '12' }))).toEqual({ ok: false, problems: { maxSlippagePct: 'at most 10 % beyond the best price' } });
    expect(ticketFromForm(typed({ maxSlippagePct: '0' }))).toEqual({ ok: false, problems: { maxSlippagePct: 'above 0 % beyond the best price (or leave it empty for the Settings value)' } });
    expect(ticketFromForm(typed({ maxSlippagePct: '0,5' }))).toEqual({ ok: false, problems: { maxSlippagePct: '"0,5" is not a number (use a point for decimals)' } });
  });

  it('an empty quantity asks main for the risk-sized quantity (null)', () => {
    const result = ticketFromForm(typed({ quantity: '  ' }));
    expect(result.ok && result.ticket.quantity).toBeNull();
  });

  it('acknowledgements and a trimmed override reason are sent; a blank override is null', () => {
    const withReason = ticketFromForm(typed({ ackSettlement: true, override: '  sector data lags  ' }));
    expect(withReason.ok && withReason.ticket.acknowledgements).toEqual({ settlementTiming: true, negativeCarry: false });
    expect(withReason.ok && withReason.ticket.override).toBe('sector data lags');
    const blank = ticketFromForm(typed({ override: '   ' }));
    expect(blank.ok && blank.ticket.override).toBeNull();
  });

  it('fields that are not numbers are named, and nothing is sent', () => {
    const result = ticketFromForm(typed({ quantity: '1,5', leverage: 'x', basisStopPct: 'abc' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual({
      quantity: '"1,5" is not a number (use a point for decimals)',
      leverage: '"x" is not a number',
      basisStopPct: '"abc" is not a number',
    });
  });

  it('a zero quantity and a leverage below 1× are refused with what to do', () => {
    const result = ticketFromForm(typed({ quantity: '0', leverage: '0.5' }));
    expect(!result.ok && result.problems).toEqual({
      quantity: 'above 0 BTC (or leave it empty for the risk-sized quantity)',
      leverage: 'at least 1 ×',
    });
  });

  it("the contract's limits are said beside the field in its own unit: a 60 % stop is over the 50 % price-gap limit, not \"<=0.5\"", () => {
    expect(ticketFromForm(typed({ basisStopPct: '60' }))).toEqual({ ok: false, problems: { basisStopPct: 'at most 50 % price gap' } });
    expect(ticketFromForm(typed({ leverage: '200', maxHoldingHours: '0' }))).toEqual({ ok: false, problems: { leverage: 'at most 125 ×', maxHoldingHours: 'above 0 h' } });
    expect(ticketFromForm(typed({ leverage: '' }))).toEqual({ ok: false, problems: { leverage: 'required' } });
  });

  it("a leg moved to another venue takes that venue's market of the asset, the same settle currency first, never the old symbol", () => {
    const listings = listingsOf([
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }, { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' },
      { venue: 'bybit', symbol: 'BTC/USDC:USDC' }, { venue: 'bybit', symbol: 'BTC/USDT:USDT' },
    ]);
    const leg = prefill.legs[0];
    expect(legOnVenue(leg, 'hyperliquid', listings)).toEqual({ ...leg, venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' });
    expect(legOnVenue(leg, 'bybit', listings)).toEqual({ ...leg, venue: 'bybit', symbol: 'BTC/USDT:USDT' });
    expect(legOnVenue(leg, 'okx', listings)).toBeNull();
  });

  it('ticket ids satisfy the contract (letters, digits, - and _) and differ per ticket', () => {
    let seed = 0;
    const random = () => ((seed = (seed + 0.37) % 1));
    const a = newTicketId('1000PEPE', 1_700_000_000_000, random);
    const b = newTicketId('1000PEPE', 1_700_000_000_000, random);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(TicketSchema.shape.ticketId.safeParse(a).success).toBe(true);
  });

  it('the allowed size offered to the trader is cut, never rounded up past the rule', () => {
    expect(allowedQuantityText(7168.458781362007)).toBe('7168.4587');
    expect(allowedQuantityText(0.0123456789)).toBe('0.012345678');
    expect(allowedQuantityText(2)).toBe('2');
    expect(allowedQuantityText(0)).toBe('');
    for (const allowed of [7168.458781362007, 0.0123456789, 123456789.987, 1 / 3]) {
      expect(Number(allowedQuantityText(allowed))).toBeLessThanOrEqual(allowed);
    }
  });
});
