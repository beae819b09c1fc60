import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { PairIntent, PairExecutionResult } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, type ChecklistSnapshot, type TicketInput } from '../../../shared/domain/ticket.ts';
import { createTicketService, type TicketServiceDeps } from '../../../electron/backend/trading/ticketService.ts';
import { NOW, book, quote } from './ticketFixture.ts';
import { marketUnits } from '../../../shared/domain/units.ts';
import { type SpreadDecay } from '../../../shared/funding/decay.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';

/** A passing ticket as the renderer would send it (before schema defaults). */
const passing: TicketInput = {
  ticketId: 'tk-1', kind: 'perp-perp', base: 'BTC',
  legs: [
    { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' },
    { venue: 'bybit', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' },
  ],
  quantity: 1, leverage: 5, basisStopPct: 0.01, takeProfitSpreadPer8h: 0.0001, maxHoldingHours: 72,
};

/** A spread that has held on this pair: 0.9 per 8 h (half-life 52.6 h) towards 0.03 %/8 h. */
const PERSISTENT: SpreadDecay = { ...CONSTANT_SPREAD, phi: 0.9, levelPer8h: 0.0003, halfLifeHours: 52.6, n: 90, source: 'fit', reason: 'AR(1) over 90 8-h pairs' };

interface Harness {
  handlers: Handlers;
  sent: PairIntent[];
  quotes: FundingQuote[];
  alignment: { tag: 'confirmed' | 'contradicted' | 'neutral'; reason: string };
  bookCalls: number;
}

/** The ticket handlers over in-memory sources, behind the same `dispatch` the IPC binding uses. */
function harness(): Harness {
  const h: Harness = { handlers: {} as Handlers, sent: [], quotes: [quote('binanceusdm', 0.0001), quote('bybit', 0.0005)], alignment: { tag: 'neutral', reason: 'no signal' }, bookCalls: 0 };
  const deps: TicketServiceDeps = {
    quotes: () => h.quotes,
    orderBook: async () => {
      h.bookCalls++;
      return book();
    },
    // Hyperliquid's kPEPE, which ccxt lists as KPEPE/USDC:USDC; every other market counts its symbol's base.
    units: (_venue, symbol) => (marketUnits(symbol === 'KPEPE/USDC:USDC' ? 'kPEPE' : symbol.split('/')[0])),
    balances: async () => ({ equity: 200_000, free: 200_000 }),
    settings: () => ({ ...DEFAULT_SETTINGS, ...DEFAULT_RISK_SETTINGS }),
    alignment: () => h.alignment,
    gateway: {
      submitPair: async (intent): Promise<PairExecutionResult> => {
        h.sent.push(intent);
        return { pairId: intent.ticketId, status: 'hedged', orders: [], alerts: [], message: 'both legs filled' };
      },
    },
    exposure: () => 0,
    now: () => NOW,
    decay: () => PERSISTENT,
  };
  const service = createTicketService(deps);
  h.handlers = { 'ticket.preview': (ticket: never) => service.preview(ticket), 'ticket.submit': (ticket: never) => service.submit(ticket) } as unknown as Handlers;
  return h;
}

describe('ticket.submit over the contract', () => {
  it('a ticket without stop and exits is refused by main with the failing items named, and nothing reaches the gateway', async () => {
    const h = harness();
    const result = await dispatch(h.handlers, 'ticket.submit', { ...passing, basisStopPct: null, maxHoldingHours: null });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('failed');
    expect(result.error.message).toMatch(/^ticket\.submit: ticket tk-1 refused, checklist failing: /);
    for (const id of ['basis-stop', 'margin', 'exits', 'risk']) expect(result.error.message).toContain(`${id} (`);
    expect(h.sent).toEqual([]);
  });

  it('a take-profit outside 0 … the spread is refused by main in the trader\'s words, whatever the renderer let through; none at all is sent', async () => {
    for (const takeProfitSpreadPer8h of [-1, 1]) {
      const h = harness();
      const result = await dispatch(h.handlers, 'ticket.submit', { ...passing, takeProfitSpreadPer8h });
      expect(!result.ok && result.error.message).toMatch(/checklist failing: exits \(take-profit .* (must be at least 0 % \/8h|is at or above the current spread)/);
      expect(h.sent).toEqual([]);
    }
    const h = harness();
    expect((await dispatch(h.handlers, 'ticket.submit', { ...passing, takeProfitSpreadPer8h: null })).ok).toBe(true);
    expect(h.sent).toHaveLength(1);
  });

  it('numbers the renderer computed are ignored: a forged passing preview is stripped and main recomputes', async () => {
    const h = harness();
    const forged = { ...passing, basisStopPct: null, passed: true, checklist: [{ id: 'basis-stop', status: 'pass' }], preview: { riskPct: 0 } };
    const result = await dispatch(h.handlers, 'ticket.submit', forged);
    expect(result.ok).toBe(false);
    expect(h.sent).toEqual([]);
  });

  it('malformed payloads are refused with zod messages naming the fields', async () => {
    const h = harness();
    const bad = await dispatch(h.handlers, 'ticket.submit', { ...passing, quantity: -1, legs: [{ ...passing.legs[0], venue: 'ftx' }, passing.legs[1]] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (bad.ok) return;
    expect(bad.error.message).toMatch(/legs\.0\.venue: /);
    expect(bad.error.message).toMatch(/quantity: /);
    const missing = await dispatch(h.handlers, 'ticket.preview', { ticketId: 'x' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/kind: .*legs: /s);
    expect(h.bookCalls).toBe(0);
  });

  it('a stale quote at submit time fails item 1 even if the preview passed earlier', async () => {
    const h = harness();
    expect((await dispatch(h.handlers, 'ticket.preview', passing)).ok).toBe(true);
    h.quotes = [quote('binanceusdm', 0.0001, { observedAt: NOW - 60_000 }), quote('bybit', 0.0005)];
    const result = await dispatch(h.handlers, 'ticket.submit', passing);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/data-fresh \(BTC\/USDT:USDT on binanceusdm quote is 60 s old/);
    expect(h.sent).toEqual([]);
  });

  it('a contradicted setup without an override reason is refused; with one it is sent and the reason is in the checklist snapshot', async () => {
    const h = harness();
    h.alignment = { tag: 'contradicted', reason: 'DeFi is overheated and reversing.' };
    const refused = await dispatch(h.handlers, 'ticket.submit', passing);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/alignment \(contradicted: DeFi is overheated/);
    const accepted = await dispatch(h.handlers, 'ticket.submit', { ...passing, ticketId: 'tk-2', override: 'spread is 3x the fees, out in 8 h' });
    expect(accepted.ok).toBe(true);
    expect(h.sent).toHaveLength(1);
    const snapshot = h.sent[0].checklist as ChecklistSnapshot;
    expect(h.sent[0].override).toBe('spread is 3x the fees, out in 8 h');
    expect(snapshot.override).toBe('spread is 3x the fees, out in 8 h');
    expect(snapshot.alignment.tag).toBe('contradicted');
    expect(snapshot.items.find((i) => i.id === 'alignment')!.status).toBe('warn');
  });

  it('a passing ticket becomes one pair intent: both legs, equal base quantity, leverage, exits and the recomputed checklist', async () => {
    const h = harness();
    const result = await dispatch(h.handlers, 'ticket.submit', passing);
    expect(result.ok).toBe(true);
    expect(h.sent).toHaveLength(1);
    const intent = h.sent[0];
    expect(intent.legs.map((l) => [l.venue, l.side, l.quantity, l.leverage, l.marginMode, l.reduceOnly])).toEqual([
      ['binanceusdm', 'buy', 1, 5, 'isolated', false],
      ['bybit', 'sell', 1, 5, 'isolated', false],
    ]);
    // The max-loss stop defaults to the 2 % rule's budget on the equity the preview read; stops close, the rest alert.
    const equity = (intent.checklist as ChecklistSnapshot).preview.equityUsd;
    expect(intent.exits).toEqual({
      takeProfitSpreadPer8h: 0.0001, basisStopPct: 0.01, maxHoldingHours: 72, maxLossUsd: 0.02 * equity,
      actions: { 'basis-stop': 'close', 'max-loss': 'close', 'take-profit': 'alert', 'max-holding': 'alert', 'sector-reversed': 'alert' },
    });
    expect(equity).toBeGreaterThan(0);
    expect(intent.legOrder).toBe('sequential');
    expect((intent.checklist as ChecklistSnapshot).preview.costs.feesUsd).toBeCloseTo(84, 9);
  });

  it('the trader\'s choices reach the intent: a max-loss stop in % of equity, stops opted out, take-profit and holding set to close', async () => {
    const h = harness();
    const ticket = { ...passing, ticketId: 'tk-choices', maxLoss: { unit: 'equity', value: 0.01 }, exitActions: { basisStop: 'alert', maxLoss: 'alert', takeProfit: 'close', maxHolding: 'close' } };
    expect((await dispatch(h.handlers, 'ticket.submit', ticket)).ok).toBe(true);
    const { exits, checklist } = h.sent[0];
    expect(exits).toMatchObject({ maxLossUsd: 0.01 * (checklist as ChecklistSnapshot).preview.equityUsd, actions: { 'basis-stop': 'alert', 'max-loss': 'alert', 'take-profit': 'close', 'max-holding': 'close' } });
    const risk = (checklist as ChecklistSnapshot).items.find((i) => i.id === 'risk')!;
    expect(risk.status).toBe('warn');
    expect(risk.detail).toMatch(/not enforced: the basis stop alerts only, and the max-loss stop at −\$[\d.]+ alerts only: nothing closes the pair$/);
  });

  it('the same ticket cannot be submitted twice', async () => {
    const h = harness();
    expect((await dispatch(h.handlers, 'ticket.submit', passing)).ok).toBe(true);
    const again = await dispatch(h.handlers, 'ticket.submit', passing);
    expect(again).toMatchObject({ ok: false, error: { message: 'ticket.submit: ticket tk-1: was already submitted; a new trade needs a new ticket' } });
    expect(h.sent).toHaveLength(1);
  });

  it('a leg that is not a market of the ticket\'s base is refused before anything is fetched', async () => {
    const h = harness();
    const result = await dispatch(h.handlers, 'ticket.preview', { ...passing, legs: [passing.legs[0], { ...passing.legs[1], symbol: 'ETH/USDT:USDT' }] });
    expect(result).toMatchObject({ ok: false, error: { message: 'ticket.preview: ticket tk-1: ETH/USDT:USDT on bybit is not a BTC market' } });
    expect(h.bookCalls).toBe(0);
  });

  it("Hyperliquid's kPEPE (ccxt's KPEPE/USDC:USDC) is a PEPE market: the market's asset decides, not the symbol's K", async () => {
    const h = harness();
    const pepe = { ...passing, base: 'PEPE', legs: [{ ...passing.legs[0], symbol: '1000PEPE/USDT:USDT' }, { venue: 'hyperliquid', symbol: 'KPEPE/USDC:USDC', side: 'sell', instrument: 'perp' }] };
    const result = await dispatch(h.handlers, 'ticket.preview', pepe);
    expect(JSON.stringify(result)).not.toContain('is not a PEPE market');
    expect(h.bookCalls).toBe(2);
    const kava = await dispatch(h.handlers, 'ticket.preview', { ...pepe, legs: [pepe.legs[0], { ...pepe.legs[1], symbol: 'KAVA/USDC:USDC' }] });
    expect(kava).toMatchObject({ ok: false, error: { message: 'ticket.preview: ticket tk-1: KAVA/USDC:USDC on hyperliquid is not a PEPE market' } });
  });
});
