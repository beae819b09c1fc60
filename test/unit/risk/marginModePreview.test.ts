import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../shared/risk/preview.ts';
import { inputs, market, quote, ticket } from './ticketFixture.ts';

const marginItem = (preview: ReturnType<typeof buildPreview>) => preview.checklist.find((item) => item.id === 'margin')!;

describe('margin mode on the ticket preview', () => {
  it('a cross leg liquidates on the venue\'s equity: 1 BTC long at the book\'s 40,000.5 with $20,000 equity and 1 % maintenance at 20,202.53', () => {
    const preview = buildPreview(inputs({
      ticket: ticket({ marginMode: 'cross', leverage: 3 }),
      balances: new Map([['binanceusdm', { equity: 20_000, free: 20_000 }], ['bybit', { equity: 20_000, free: 20_000 }]]),
    }));
    const [long, short] = preview.legs;
    expect(long.marginMode).toBe('cross');
    // (1 × 40,000.5 − 20,000) / (1 × 0.99); the short at 39,999.5: (20,000 + 39,999.5) / 1.01.
    expect(long.liquidationPrice).toBeCloseTo(20_000.5 / 0.99, 6);
    expect(short.liquidationPrice).toBeCloseTo(59_999.5 / 1.01, 6);
    expect(marginItem(preview).detail).toContain('cross: account-wide, from the venue\'s equity');
  });

  it('an isolated leg keeps its own margin: at 3× a long liquidates at entry × (1 − 1/3) / (1 − 1 %)', () => {
    const [long] = buildPreview(inputs({ ticket: ticket({ marginMode: 'isolated', leverage: 3 }) })).legs;
    expect(long.marginMode).toBe('isolated');
    expect(long.liquidationPrice).toBeCloseTo((40_000.5 * (2 / 3)) / 0.99, 6);
  });

  it('a venue account fixed in cross for every symbol fails an isolated ticket in words, and passes a cross one', () => {
    const fixed = [market(quote('binanceusdm', 0.0001)), market(quote('bybit', 0.0005), { accountMarginMode: 'cross' })] as const;
    const isolated = marginItem(buildPreview(inputs({ ticket: ticket({ marginMode: 'isolated' }), markets: fixed })));
    expect(isolated.status).toBe('fail');
    expect(isolated.detail).toContain('the bybit account is in cross margin for every symbol and the ticket asks isolated: choose cross on the ticket');
    expect(marginItem(buildPreview(inputs({ ticket: ticket({ marginMode: 'cross' }), markets: fixed }))).status).toBe('pass');
  });
});
