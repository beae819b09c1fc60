/**
 * The maximum-slippage item of the checklist (docs/orders.md, "Maximum slippage") on the
 * fixture's books of 1 BTC a level, $1 apart around 40,000: buying 5 BTC takes the asks at
 * 40,000.5 … 40,004.5, an average of 40,002.5 ($2 = 0.005 % beyond the best) and a farthest
 * level $4 = 0.0099999 % beyond it.
 */
import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../shared/risk/preview.ts';
import { DEFAULT_RISK_SETTINGS, RiskSettingsSchema, TicketSchema, type TicketPreview } from '../../../shared/domain/ticket.ts';
import { bandRefusal, maxSlippageOf, slippageBound } from '../../../shared/risk/slippage.ts';
import { book, inputs, market, quote, ticket } from './ticketFixture.ts';

const slippageItem = (preview: TicketPreview) => preview.checklist.find((i) => i.id === 'slippage')!;
const FARTHEST = 4 / 40_000.5;

describe('the slippage item', () => {
  it('measures each leg\'s walk at size against the best price: the average fill and the farthest level, as fractions of the best', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ quantity: 5 }) }));
    expect(preview.legs[0].slippagePct).toBeCloseTo(2 / 40_000.5, 12);
    expect(preview.legs[0].farthestFillPct).toBeCloseTo(FARTHEST, 12);
    // The sell walks the bids down from 39,999.5 to 39,995.5.
    expect(preview.legs[1].farthestFillPct).toBeCloseTo(4 / 39_999.5, 12);
  });

  it('passes with the Settings max (0.5 %) when the ticket sets none, and says each leg\'s walk and the max', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ quantity: 5 }) }));
    expect(preview.maxSlippagePct).toBe(DEFAULT_RISK_SETTINGS.maxSlippagePct);
    expect(slippageItem(preview)).toMatchObject({ status: 'pass', label: 'Slippage at size within the max (0.50 % beyond the best price)' });
    expect(slippageItem(preview).detail).toBe(
      'BTC/USDT:USDT on binanceusdm 0.005 % average, 0.010 % at the farthest level; BTC/USDT:USDT on bybit 0.005 % average, 0.010 % at the farthest level beyond the best price at 5',
    );
  });

  it('fails, naming the leg, when the farthest level at size lies beyond the ticket\'s max, and blocks the ticket', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ quantity: 5, maxSlippagePct: 0.00009 }) }));
    expect(slippageItem(preview).status).toBe('fail');
    expect(slippageItem(preview).detail).toMatch(/^BTC\/USDT:USDT on binanceusdm 0\.005 % average, 0\.010 % at the farthest level beyond the best price at 5, above the max of 0\.01 %: lower the quantity or raise the max slippage/);
    expect(preview.passed).toBe(false);
    // One coin less reaches only $3 = 0.0075 % beyond the best: within the same max.
    expect(slippageItem(buildPreview(inputs({ ticket: ticket({ quantity: 4, maxSlippagePct: 0.00009 }) }))).status).toBe('pass');
  });

  it('a max exactly at the farther leg\'s farthest level (the sell\'s, $4 below 39,999.5) passes: the bound the leg is sent with reaches that level', () => {
    expect(slippageItem(buildPreview(inputs({ ticket: ticket({ quantity: 5, maxSlippagePct: 4 / 39_999.5 }) }))).status).toBe('pass');
    expect(slippageItem(buildPreview(inputs({ ticket: ticket({ quantity: 5, maxSlippagePct: FARTHEST }) }))).detail).toMatch(/^BTC\/USDT:USDT on bybit .* above the max/);
  });

  it('fails when a book cannot fill the size at all: its slippage at size is unknown', () => {
    const thin = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001), { book: book(3) }), market(quote('bybit', 0.0005))], ticket: ticket({ quantity: 5 }) }));
    expect(slippageItem(thin).status).toBe('fail');
    expect(slippageItem(thin).detail).toBe('the order book of BTC/USDT:USDT on binanceusdm cannot fill 5 at once, so its slippage at size is unknown');
  });

  it('the Settings value is what a ticket without its own max is held to', () => {
    const tight = { ...DEFAULT_RISK_SETTINGS, maxSlippagePct: 0.00009 };
    expect(slippageItem(buildPreview(inputs({ ticket: ticket({ quantity: 5 }), risk: tight }))).status).toBe('fail');
    expect(maxSlippageOf(ticket({ maxSlippagePct: 0.01 }), tight)).toBe(0.01);
  });

  it('fails a Bitget spot buy whose max lies above Bitget\'s 5 % band on spot limit prices, in words; Gate\'s band is 8 %', () => {
    const spotBuy = ticket({
      kind: 'perp-spot', quantity: 1, maxSlippagePct: 0.06,
      legs: [{ venue: 'bitget', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' }, { venue: 'bitget', symbol: 'BTC/USDT', side: 'buy', instrument: 'spot' }],
    });
    const preview = buildPreview(inputs({
      ticket: spotBuy, markets: [market(quote('bitget', 0.0005)), market(null)], balances: new Map([['bitget', { equity: 400_000, free: 400_000 }]]),
    }));
    expect(slippageItem(preview).status).toBe('fail');
    expect(slippageItem(preview).detail).toBe("BTC/USDT: a max slippage of 6 % is above Bitget's 5 % band on spot limit prices, and a spot buy there goes out as a limit at the best ask plus the max: set 5 % or less");
    const leg = spotBuy.legs[1];
    expect(bandRefusal(leg, 0.05)).toBeNull();
    expect(bandRefusal({ ...leg, venue: 'gate' }, 0.06)).toBeNull();
    expect(bandRefusal({ ...leg, venue: 'gate' }, 0.09)).toMatch(/above Gate's 8 % band/);
    // A perp leg or a spot sell is a market order there: no limit, no band.
    expect(bandRefusal(spotBuy.legs[0], 0.09)).toBeNull();
    expect(bandRefusal({ ...leg, side: 'sell' }, 0.09)).toBeNull();
  });
});

describe('the bound and its validation', () => {
  it('a buy is bounded above the best ask, a sell below the best bid', () => {
    expect(slippageBound('buy', 100, 0.005)).toBeCloseTo(100.5, 12);
    expect(slippageBound('sell', 100, 0.005)).toBeCloseTo(99.5, 12);
  });

  it('the ticket and Settings take a max above 0 and at most 10 %', () => {
    for (const value of [0, -0.01, 0.11]) {
      expect(TicketSchema.safeParse({ ...ticket(), maxSlippagePct: value }).success).toBe(false);
      expect(RiskSettingsSchema.safeParse({ maxSlippagePct: value }).success).toBe(false);
    }
    expect(TicketSchema.parse({ ...ticket(), maxSlippagePct: 0.1 }).maxSlippagePct).toBe(0.1);
    expect(RiskSettingsSchema.parse({}).maxSlippagePct).toBe(0.005);
  });
});
