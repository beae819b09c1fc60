import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../shared/risk/preview.ts';
import type { ChecklistItemId, TicketInput, TicketPreview } from '../../../shared/domain/ticket.ts';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/ticket.ts';
import { HOUR, NOW, book, inputs, market, quote, ticket } from './ticketFixture.ts';

const statusOf = (preview: TicketPreview, id: ChecklistItemId) => preview.checklist.find((i) => i.id === id)!;

describe('the preview on hand-checkable numbers', () => {
  const preview = buildPreview(inputs());

  it('fees are open+close of both legs at each venue\'s taker: 2×0.05 % + 2×0.055 % of $40,000 = $84', () => {
    expect(preview.costs.feesUsd).toBeCloseTo(84, 9);
    expect(preview.legs.map((leg) => [leg.entryFeeUsd, leg.exitFeeUsd])).toEqual([[20, 20], [22, 22]]);
    expect(preview.costs.slippageUsd).toBeCloseTo(0, 9);
    expect(preview.costs.transferUsd).toBe(0);
  });

  it('costs both ways: the $1 spread of each book is half crossed in and half out on both legs ($2); 1 BTC fills at the best level each way; mids equal: no basis', () => {
    expect(preview.legs.map((leg) => [leg.entryHalfSpreadUsd, leg.exitHalfSpreadUsd, leg.exitSlippageUsd])).toEqual([[0.5, 0.5, 0], [0.5, 0.5, 0]]);
    expect(preview.costs.crossingUsd).toBeCloseTo(2, 12);
    expect(preview.costs.exitSlippageUsd).toBe(0);
    // Buying at 40,000.5 against selling at 39,999.5: the executable gap is the two half-spreads, counted as crossing already.
    expect(preview.costs.executableBasisUsd).toBeCloseTo(1, 9);
    expect(preview.costs.basisUsd).toBe(0);
    expect(preview.costs.totalUsd).toBeCloseTo(86, 9);
  });

  it('a long venue whose book sits $10 above the short\'s adds its $10 gap to the costs', () => {
    const apart = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001), { book: book(50, 40_010) }), market(quote('bybit', 0.0005))] }));
    expect(apart.costs.basisUsd).toBeCloseTo(10, 9);
    expect(apart.costs.executableBasisUsd).toBeCloseTo(11, 9);
    expect(apart.costs.totalUsd).toBeCloseTo(96, 9);
  });

  it('the 0.04 %/8 h spread held on $40,000 collects $16 at each of the 9 settlements before a 72 h exit, net $58 after $86 both ways', () => {
    expect(preview.legs.map((leg) => leg.settlementsToExit)).toEqual([9, 9]);
    expect(preview.expectedFundingUsd).toBeCloseTo(144, 9);
    expect(preview.netUsd).toBeCloseTo(58, 9);
  });

  it('break-even comes at the sixth settlement ($96 ≥ $86), 45 h 40 min after entry', () => {
    expect(preview.breakEvenAt).toBe(Date.UTC(2026, 2, 6, 8, 0));
    expect(preview.breakEvenHours).toBeCloseTo(45 + 40 / 60, 9);
  });

  it('liquidation of each leg at 5× uses the conservative 1 % maintenance without venue tiers', () => {
    const [long, short] = preview.legs;
    expect(long.maintenanceMarginRate).toBe(0.01);
    expect(long.tiersFromVenue).toBe(false);
    expect(long.liquidationPrice).toBeCloseTo((40_000.5 * 0.8) / 0.99, 6);
    expect(short.liquidationPrice).toBeCloseTo((39_999.5 * 1.2) / 1.01, 6);
    expect(long.marginNeeded).toBeCloseTo(8_000, 9);
  });

  it('risk is the stop\'s move plus costs over equity: ($400 + $86) / $400,000', () => {
    expect(preview.risk.lossAtStopUsd).toBeCloseTo(486, 9);
    expect(preview.risk.riskPct).toBeCloseTo(486 / 400_000, 12);
    expect(preview.exposure.afterPct).toBeCloseTo(0.1, 12);
  });

  it('every item passes on fresh, sufficient, aligned data', () => {
    expect(preview.checklist.filter((i) => i.status !== 'pass')).toEqual([]);
    expect(preview.passed).toBe(true);
    expect(preview.checklist.map((i) => i.id)).toEqual([
      'data-fresh', 'costs', 'slippage', 'basis-stop', 'margin', 'hedge', 'exits', 'alignment', 'risk', 'exposure', 'leverage', 'settlement-timing', 'rate-chasing', 'lot-size',
    ]);
  });

  it('without a quantity the risk rule sizes the trade so the loss at a 10 % stop is 2 % of equity less 1 % headroom, and the risk item asks for an entry', () => {
    const sized = buildPreview(inputs({ ticket: ticket({ quantity: null, basisStopPct: 0.1, leverage: 2 }) }));
    expect(sized.quantitySource).toBe('risk-rule');
    expect(sized.risk.riskPct!).toBeLessThanOrEqual(0.02 * 0.99 + 1e-9);
    expect(sized.risk.riskPct!).toBeGreaterThan(0.0196);
    expect(statusOf(sized, 'risk').status).toBe('fail');
    expect(statusOf(sized, 'risk').detail).toMatch(/enter a quantity/);
  });

  it('the risk-sized quantity never exceeds the exposure cap\'s room, less 1 % headroom', () => {
    const sized = buildPreview(inputs({ ticket: ticket({ quantity: null }), currentExposureUsd: 60_000 }));
    expect(sized.suggestedQuantity).toBeCloseTo(((80_000 - 60_000) / 40_000) * 0.99, 9);
  });

  it('the suggested size still passes the risk rule and the exposure cap when the price has ticked up 0.5 % by the submit', () => {
    for (const room of [{ currentExposureUsd: 60_000 }, { currentExposureUsd: 0 }]) {
      const sized = buildPreview(inputs({ ticket: ticket({ quantity: null, basisStopPct: 0.1 }), ...room }));
      const up = (m: ReturnType<typeof market>) => ({ ...m, quote: m.quote && { ...m.quote, markPrice: m.quote.markPrice! * 1.005 } });
      const base = inputs({ ticket: ticket({ quantity: sized.suggestedQuantity, basisStopPct: 0.1 }), ...room });
      const later = buildPreview({ ...base, markets: [up(base.markets[0]), up(base.markets[1])] });
      expect(statusOf(later, 'exposure').status).toBe('pass');
      expect(statusOf(later, 'risk').status).toBe('pass');
    }
  });
});

describe('checklist items', () => {
  it('item 1 fails when a leg\'s quote is older than its venue\'s staleness bound', () => {
    const preview = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001, { observedAt: NOW - 31_000 })), market(quote('bybit', 0.0005))] }));
    expect(statusOf(preview, 'data-fresh').status).toBe('fail');
    expect(statusOf(preview, 'data-fresh').detail).toMatch(/BTC\/USDT:USDT on binanceusdm quote is 31 s old \(stale after 30 s\)/);
    expect(preview.passed).toBe(false);
  });

  it('item 1 fails without a quote or without a next settlement time', () => {
    const missing = buildPreview(inputs({ markets: [market(null), market(quote('bybit', 0.0005, { nextFundingTime: null }))] }));
    expect(statusOf(missing, 'data-fresh').detail).toMatch(/no funding quote for BTC\/USDT:USDT on binanceusdm/);
    expect(statusOf(missing, 'data-fresh').detail).toMatch(/on bybit has no next settlement time/);
  });

  it('item 1 passes a continuously funded leg (Paradex) without a next settlement time, and says it funds continuously; item 6 refuses it in isolated margin in words', () => {
    const legs: TicketInput['legs'] = [
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' },
      { venue: 'paradex', symbol: 'BTC/USD:USDC', side: 'sell', instrument: 'perp' },
    ];
    const paradex = quote('paradex', 0.0005, { symbol: 'BTC/USD:USDC', nextFundingTime: null });
    const preview = buildPreview(inputs({
      ticket: ticket({ legs, marginMode: 'cross' }), markets: [market(quote('binanceusdm', 0.0001)), market(paradex)],
      balances: new Map([['binanceusdm', { equity: 200_000, free: 200_000 }], ['paradex', { equity: 200_000, free: 200_000 }]]),
    }));
    expect(statusOf(preview, 'data-fresh').status).toBe('pass');
    expect(statusOf(preview, 'data-fresh').detail).toMatch(/BTC\/USD:USDC on paradex 0\.0500 %\/8 h \(predicted\), funded continuously/);
    expect(statusOf(preview, 'margin').detail).not.toMatch(/cross margin only/);
    const isolated = buildPreview(inputs({
      ticket: ticket({ legs, marginMode: 'isolated' }), markets: [market(quote('binanceusdm', 0.0001)), market(paradex)],
      balances: new Map([['binanceusdm', { equity: 200_000, free: 200_000 }], ['paradex', { equity: 200_000, free: 200_000 }]]),
    }));
    expect(statusOf(isolated, 'margin').status).toBe('fail');
    expect(statusOf(isolated, 'margin').detail).toMatch(/isolated-market sub-account that ccxt does not address: Funding Terminal trades paradex in cross margin only, choose cross on the ticket/);
    expect(isolated.passed).toBe(false);
  });

  it('item 2 fails when a book cannot fill the size, and when costs exceed the funding to exit unless acknowledged', () => {
    const thin = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001), { book: book(1) }), market(quote('bybit', 0.0005))], ticket: ticket({ quantity: 2 }) }));
    expect(statusOf(thin, 'costs').status).toBe('fail');
    expect(statusOf(thin, 'costs').detail).toMatch(/order book of BTC\/USDT:USDT on binanceusdm cannot fill 2/);
    const short = buildPreview(inputs({ ticket: ticket({ maxHoldingHours: 8 }) }));
    expect(short.netUsd).toBeCloseTo(16 - 86, 9);
    expect(statusOf(short, 'costs').status).toBe('fail');
    const acknowledged = buildPreview(inputs({ ticket: ticket({ maxHoldingHours: 8, acknowledgements: { negativeCarry: true, settlementTiming: false } }) }));
    expect(statusOf(acknowledged, 'costs').status).toBe('warn');
    expect(acknowledged.passed).toBe(true);
  });

  it('item 3 fails without a basis stop (and risk cannot be measured)', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ basisStopPct: null }) }));
    expect(statusOf(preview, 'basis-stop').status).toBe('fail');
    expect(statusOf(preview, 'risk').detail).toMatch(/no basis stop/);
  });

  it('item 4 fails when a venue lacks free margin, naming the transfer that would cover it', () => {
    const preview = buildPreview(inputs({ balances: new Map([['binanceusdm', { equity: 5_000, free: 5_000 }], ['bybit', { equity: 200_000, free: 200_000 }]]) }));
    expect(statusOf(preview, 'margin').status).toBe('fail');
    expect(statusOf(preview, 'margin').detail).toMatch(/binanceusdm needs \$8000.00 margin, \$5000.00 free; move \$3000.00 from bybit to binanceusdm first \(fee \$1.00\)/);
    expect(preview.costs.transferUsd).toBe(1);
  });

  it('item 4 without price history falls back to the buffer beyond the stop, and says so', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ leverage: 10, basisStopPct: 0.06 }) }));
    expect(statusOf(preview, 'margin').status).toBe('fail');
    expect(statusOf(preview, 'margin').detail).toMatch(/inside 2× the stop \(12.00 %; no price history for its volatility\): lower the leverage/);
  });

  it('item 4 judges each leg\'s liquidation against its 99 % adverse move over the hold, not the basis stop', () => {
    // σ 0.5 % per √h over 72 h: 1 − e^(−2.326 × 0.005 × √72) = 9.40 %.
    const volatile = { volatility: { perSqrtHour: 0.005, returns: 180 } };
    const withVol = (leverage: number, basisStopPct: number) => buildPreview(inputs({
      ticket: ticket({ leverage, basisStopPct }),
      markets: [market(quote('binanceusdm', 0.0001), volatile), market(quote('bybit', 0.0005), volatile)],
    }));
    const tight = withVol(10, 0.01);
    expect(tight.legs[0].adverseMovePct).toBeCloseTo(1 - Math.exp(-2.326 * 0.005 * Math.sqrt(72)), 12);
    expect(statusOf(tight, 'margin').status).toBe('fail');
    expect(statusOf(tight, 'margin').detail).toMatch(/liquidates 9.09 % away, inside its 99 % adverse move of 9.40 % over the hold \(realised volatility, n = 180\)/);
    // At 5× (19 % away) it passes, though 2× a 15 % stop (30 %) would have failed the old rule.
    const wide = withVol(5, 0.15);
    expect(statusOf(wide, 'margin').status).toBe('pass');
    expect(statusOf(wide, 'margin').detail).toMatch(/beyond its 99 % adverse move of 9.40 % over the hold \(realised volatility, n = 180 returns\)/);
  });

  it('item 5 fails when both legs are on the same side', () => {
    const t = ticket();
    const preview = buildPreview(inputs({ ticket: { ...t, legs: [t.legs[0], { ...t.legs[1], side: 'buy' }] } }));
    expect(statusOf(preview, 'hedge').status).toBe('fail');
  });

  it('item 6 fails without a maximum holding period; a take-profit left out is said as a warning, not a block', () => {
    expect(statusOf(buildPreview(inputs({ ticket: ticket({ maxHoldingHours: null }) })), 'exits')).toMatchObject({ status: 'fail', detail: 'set a maximum holding period' });
    const none = statusOf(buildPreview(inputs({ ticket: ticket({ takeProfitSpreadPer8h: null }) })), 'exits');
    expect(none).toMatchObject({ status: 'warn', detail: 'no take-profit: the pair is held to its maximum holding 72 h (alerts only) or a stop' });
  });

  it('item 6 checks the take-profit on main\'s rates: at least 0 and below the 0.04 %/8 h the legs earn (short Bybit 0.05 % − long Binance 0.01 %)', () => {
    const at = (target: number) => statusOf(buildPreview(inputs({ ticket: ticket({ takeProfitSpreadPer8h: target }) })), 'exits');
    expect(at(0.0001).status).toBe('pass');
    expect(at(0.00039).status).toBe('pass');
    expect(at(-1)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^take-profit -100\.0000 % \/8h must be at least 0 % \/8h: below 0 the pair would be held while it pays funding/) });
    expect(at(-0.000001).status).toBe('fail');
    // 0: close the moment the spread stops paying, the backtest's default exit.
    expect(at(0).status).toBe('pass');
    expect(at(0.0004)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/at or above the current spread 0\.0400 % \/8h: it would be met at once; set it between 0 and 0\.0400 % \/8h/) });
    expect(at(0.05).status).toBe('fail');
  });

  it('item 6 refuses any take-profit when the legs earn no spread now (long the higher rate)', () => {
    const t = ticket();
    const reversed = ticket({ legs: [{ ...t.legs[0], side: 'sell' }, { ...t.legs[1], side: 'buy' }] });
    expect(statusOf(buildPreview(inputs({ ticket: reversed })), 'exits')).toMatchObject({ status: 'fail', detail: 'the legs earn -0.0400 % /8h now: there is no spread to take profit on' });
  });

  it('a contradicted setup fails without an override reason and passes with a warning and the reason once one is typed', () => {
    const contradicted = { tag: 'contradicted' as const, reason: 'DeFi is overheated and reversing.' };
    expect(statusOf(buildPreview(inputs({ alignment: contradicted })), 'alignment').status).toBe('fail');
    expect(statusOf(buildPreview(inputs({ alignment: contradicted, ticket: ticket({ override: 'no' }) })), 'alignment').status).toBe('fail');
    const overridden = buildPreview(inputs({ alignment: contradicted, ticket: ticket({ override: 'basis is tight, exit in 8 h' }) }));
    expect(statusOf(overridden, 'alignment').status).toBe('warn');
    expect(statusOf(overridden, 'alignment').detail).toMatch(/Override recorded: "basis is tight, exit in 8 h"/);
    expect(statusOf(buildPreview(inputs({ alignment: { tag: 'confirmed', reason: 'agrees' } })), 'alignment').status).toBe('pass');
  });

  it('risk above 2 % of equity fails and names the quantity the rule allows', () => {
    const preview = buildPreview(inputs({ ticket: ticket({ quantity: 20 }), risk: { ...DEFAULT_RISK_SETTINGS, maxExposurePct: 1 } }));
    expect(preview.risk.riskPct!).toBeGreaterThan(0.02);
    expect(statusOf(preview, 'risk').status).toBe('fail');
    // 10 BTC puts 2 % at the stop; the rule suggests 1 % under it.
    expect(statusOf(preview, 'risk').detail).toMatch(/the rule allows 9\.9\d* BTC/);
  });

  it('exposure above 20 % of equity after the trade fails', () => {
    const preview = buildPreview(inputs({ currentExposureUsd: 45_000 }));
    expect(preview.exposure.afterPct).toBeCloseTo(85_000 / 400_000, 12);
    expect(statusOf(preview, 'exposure').status).toBe('fail');
  });

  it('leverage above the 10× cap, or above the venue\'s maximum, fails', () => {
    expect(statusOf(buildPreview(inputs({ ticket: ticket({ leverage: 12, basisStopPct: 0.01 }) })), 'leverage').status).toBe('fail');
    const venueMax = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001), { maxLeverage: 4 }), market(quote('bybit', 0.0005))] }));
    expect(statusOf(venueMax, 'leverage').detail).toMatch(/on binanceusdm allows at most 4×/);
  });

  it('the venue\'s maximum leverage is the one of the tier the leg\'s notional falls in, not the first tier\'s', () => {
    // 1 BTC at 40,000: $40,000 falls in the second tier, which allows 4×; the first allows 20×.
    const tiers = [{ floor: 0, cap: 25_000, maintenanceMarginRate: 0.004, maxLeverage: 20 }, { floor: 25_000, cap: Infinity, maintenanceMarginRate: 0.01, maxLeverage: 4 }];
    const large = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001), { tiers, maxLeverage: 20 }), market(quote('bybit', 0.0005))] }));
    expect(statusOf(large, 'leverage').detail).toMatch(/on binanceusdm allows at most 4×/);
    expect(large.legs[0].maintenanceMarginRate).toBe(0.01);
    const small = buildPreview(inputs({ ticket: ticket({ quantity: 0.5 }), markets: [market(quote('binanceusdm', 0.0001), { tiers, maxLeverage: 20 }), market(quote('bybit', 0.0005))] }));
    expect(statusOf(small, 'leverage').status).toBe('pass');
  });

  it('entering 10 min before a settlement the long pays requires acknowledgement; one the position receives does not', () => {
    const beforeSettlement = Date.UTC(2026, 2, 4, 15, 50);
    const paying = buildPreview(inputs({ now: beforeSettlement }));
    expect(statusOf(paying, 'settlement-timing').status).toBe('fail');
    expect(statusOf(paying, 'settlement-timing').detail).toMatch(/on binanceusdm pays at 16:00 UTC, in 10 min/);
    const acknowledged = buildPreview(inputs({ now: beforeSettlement, ticket: ticket({ acknowledgements: { settlementTiming: true, negativeCarry: false } }) }));
    expect(statusOf(acknowledged, 'settlement-timing').status).toBe('warn');
    const receiving = buildPreview(inputs({ now: beforeSettlement, markets: [market(quote('binanceusdm', -0.0001)), market(quote('bybit', 0.0005))] }));
    expect(statusOf(receiving, 'settlement-timing').status).toBe('pass');
    expect(statusOf(buildPreview(inputs({ now: beforeSettlement - 2 * HOUR })), 'settlement-timing').status).toBe('pass');
  });

  it('a rate near the caps or far above its recent history warns of rate chasing without blocking', () => {
    const nearCap = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001)), market(quote('bybit', 0.0025))] }));
    expect(statusOf(nearCap, 'rate-chasing').status).toBe('warn');
    expect(nearCap.passed).toBe(true);
    const aboveHistory = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001)), market(quote('bybit', 0.0005), { recentMeanAbsPer8h: 0.0001 })] }));
    expect(statusOf(aboveHistory, 'rate-chasing').detail).toMatch(/5.0× its recent mean/);
  });

  it('a 1-h leg counts its own settlements: 72 to a 72 h exit against the 8-h leg\'s 9', () => {
    const preview = buildPreview(inputs({ markets: [market(quote('binanceusdm', 0.0001)), market(quote('hyperliquid', 0.0005 / 8, { intervalHours: 1 }))],
      ticket: (() => { const t = ticket(); return { ...t, legs: [t.legs[0], { ...t.legs[1], venue: 'hyperliquid' as const }] }; })(),
      balances: new Map([['binanceusdm', { equity: 200_000, free: 200_000 }], ['hyperliquid', { equity: 200_000, free: 200_000 }]]) }));
    expect(preview.legs.map((leg) => leg.settlementsToExit)).toEqual([9, 72]);
    expect(preview.legs[1].expectedFundingUsd).toBeCloseTo(72 * 40_000 * 0.0005 / 8, 9);
  });
});
