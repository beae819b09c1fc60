import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectBridge } from '../../../renderer/app/bridge.ts';
import type { TerminalBridge } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';

/** What Electron's preload exposes as window.terminal, here answering one malformed settings read and pushing one malformed state. */
function preloadWith(listeners: Array<(payload: unknown) => void>): TerminalBridge {
  return {
    invoke: async () => ({ ...DEFAULT_SETTINGS, windowMinutes: -5 }),
    on: (_name: string, listener: (payload: unknown) => void) => (listeners.push(listener), () => {}),
  } as unknown as TerminalBridge;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the renderer checks the preload bridge too', () => {
  it('a development build refuses a malformed answer and holds back a malformed stream payload', async () => {
    vi.stubEnv('DEV', true);
    const listeners: Array<(payload: unknown) => void> = [];
    vi.stubGlobal('window', { terminal: preloadWith(listeners) });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const link = connectBridge();
    await expect(link.invoke('settings.get')).rejects.toThrow(/^settings\.get: the answer does not match the contract \(windowMinutes: /);
    const states: unknown[] = [];
    link.on('tradingState', (state) => states.push(state));
    listeners.forEach((l) => l({ state: 'PAUSED', since: 1, reason: null }));
    expect(states).toEqual([]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][0])).toMatch(/tradingState stream's payload does not match the contract \(state: /);
  });

  it('a production build passes what the preload gives, unchecked', async () => {
    vi.stubEnv('DEV', false);
    const listeners: Array<(payload: unknown) => void> = [];
    vi.stubGlobal('window', { terminal: preloadWith(listeners) });
    const link = connectBridge();
    await expect(link.invoke('settings.get')).resolves.toMatchObject({ windowMinutes: -5 });
  });

  it('the production build the end-to-end tests run (VITE_CHECK_CONTRACT=1) checks as a development build does', async () => {
    vi.stubEnv('DEV', false);
    vi.stubEnv('VITE_CHECK_CONTRACT', '1');
    vi.stubGlobal('window', { terminal: preloadWith([]) });
    await expect(connectBridge().invoke('settings.get')).rejects.toThrow(/^settings\.get: the answer does not match the contract/);
  });
});
