import { describe, expect, it } from 'vitest';
import { requests, streams, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';

/** Handlers that record what reached them; every request name of the contract is present. */
function recordingHandlers(): { handlers: Handlers; calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const handler = (name: string) => async (input: unknown) => {
    calls.push([name, input]);
    if (name === 'settings.get' || name === 'settings.set') return DEFAULT_SETTINGS;
    return null;
  };
  const handlers = Object.fromEntries(Object.keys(requests).map((n) => [n, handler(n)])) as unknown as Handlers;
  return { handlers, calls };
}

describe('the contract refuses what it does not declare', () => {
  it('an unknown request name is refused and no handler runs', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await dispatch(handlers, 'shell.exec', { cmd: 'rm -rf /' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown-request', message: 'unknown request "shell.exec"' } });
    expect(calls).toHaveLength(0);
  });

  it('prototype names are not requests', async () => {
    const { handlers } = recordingHandlers();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await dispatch(handlers, name, undefined)).ok).toBe(false);
    }
  });

  it('an invalid payload is refused with the field named', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await dispatch(handlers, 'history.funding', { base: 'BTC; DROP TABLE', from: 'yesterday' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toMatch(/^history\.funding: base: /);
      expect(result.error.message).toContain('from:');
    }
    expect(calls).toHaveLength(0);
  });

  it('settings outside their range are refused before they reach the engine', async () => {
    const { handlers } = recordingHandlers();
    const result = await dispatch(handlers, 'settings.set', { triggerSpreadPer8h: -1 });
    expect(result.ok).toBe(false);
  });

  it('a settings change carries only the fields sent, so it cannot reset the others to defaults', async () => {
    const { handlers, calls } = recordingHandlers();
    expect((await dispatch(handlers, 'settings.set', { holdingDays: 5 })).ok).toBe(true);
    expect((await dispatch(handlers, 'risk.set', { leverageCap: 5 })).ok).toBe(true);
    expect(calls).toEqual([['settings.set', { holdingDays: 5 }], ['risk.set', { leverageCap: 5 }]]);
    const typo = await dispatch(handlers, 'settings.set', { triggerSpread: 0.001 });
    expect(typo.ok).toBe(false);
  });

  it('re-arming the kill switch needs an explicit confirmation', async () => {
    const { handlers, calls } = recordingHandlers();
    expect((await dispatch(handlers, 'trading.rearm', {})).ok).toBe(false);
    expect((await dispatch(handlers, 'trading.rearm', { confirm: 'yes' })).ok).toBe(false);
    expect((await dispatch(handlers, 'trading.rearm', { confirm: true })).ok).toBe(true);
    expect(calls).toEqual([['trading.rearm', { confirm: true }]]);
  });

  it('a valid payload reaches its handler with defaults applied', async () => {
    const { handlers, calls } = recordingHandlers();
    expect((await dispatch(handlers, 'history.backfill', { base: 'ETH' })).ok).toBe(true);
    expect(calls).toEqual([['history.backfill', { base: 'ETH', days: 30 }]]);
  });

  it('a handler failure comes back as a message, never as a stack', async () => {
    const { handlers } = recordingHandlers();
    handlers['app.info'] = async () => {
      throw new Error('store is closed');
    };
    const result = await dispatch(handlers, 'app.info', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'failed', message: 'app.info: store is closed' } });
  });
});

describe('stream schemas', () => {
  it('accept a well-formed quote batch and reject a quote with a rate as a string', () => {
    const quote = {
      venue: 'okx', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted',
      lastSettledRate: 0.00008, intervalHours: 8, nextFundingTime: 1_774_000_000_000, markPrice: 84000, indexPrice: 83990,
      volume24hUsd: 1e9, openInterestUsd: 2e9, observedAt: 1_773_999_000_000,
    };
    expect(streams.quotes.safeParse([quote]).success).toBe(true);
    expect(streams.quotes.safeParse([{ ...quote, rate: '0.0001' }]).success).toBe(false);
    expect(streams.quotes.safeParse([{ ...quote, venue: 'ftx' }]).success).toBe(false);
  });
});
