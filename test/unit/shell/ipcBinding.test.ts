import { describe, expect, it } from 'vitest';
import { bindContract, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipcBinding.ts';
import { INVOKE_CHANNEL } from '../../../shared/ipc/channels.ts';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import type { DispatchResult } from '../../../shared/ipc/dispatch.ts';

/** A stand-in for Electron's ipcMain: the binding is plain code over this interface. */
function fakeIpcMain() {
  const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<DispatchResult>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  const invoke = (event: InvokeEventLike, name: unknown, input?: unknown) => listeners.get(INVOKE_CHANNEL)!(event, name, input);
  return { ipc, listeners, invoke };
}

const ourContents = { id: 1 };
const trusted = { webContents: ourContents, origin: 'app://terminal' };
const topFrame = (url = 'app://terminal/index.html') => ({ url, parent: null });

function setup() {
  const fake = fakeIpcMain();
  const ran: string[] = [];
  const logs: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(requests).map((n) => [n, async () => { ran.push(n); return { name: 'Funding Terminal' }; }]),
  ) as unknown as Handlers;
  const unbind = bindContract(fake.ipc, handlers, trusted, (l) => logs.push(l));
  return { ...fake, ran, logs, unbind };
}

describe('the main-side IPC binding', () => {
  it('serves a contract request from our window top frame', async () => {
    const { invoke, ran } = setup();
    const result = await invoke({ sender: ourContents, senderFrame: topFrame() }, 'app.info');
    expect(result.ok).toBe(true);
    expect(ran).toEqual(['app.info']);
  });

  it('refuses a subframe, another origin, another webContents and a vanished frame', async () => {
    const { invoke, ran, logs } = setup();
    const foreign: InvokeEventLike[] = [
      { sender: ourContents, senderFrame: { url: 'app://terminal/index.html', parent: {} } },
      { sender: ourContents, senderFrame: topFrame('https://evil.example/') },
      { sender: ourContents, senderFrame: topFrame('app://terminal.evil/index.html') },
      { sender: { id: 2 }, senderFrame: topFrame() },
      { sender: ourContents, senderFrame: null },
    ];
    for (const event of foreign) {
      const result = await invoke(event, 'killSwitch.engage', {});
      expect(result.ok).toBe(false);
    }
    expect(ran).toEqual([]);
    expect(logs).toHaveLength(foreign.length);
  });

  it('refuses unknown names and invalid payloads and logs them', async () => {
    const { invoke, ran, logs } = setup();
    expect((await invoke({ sender: ourContents, senderFrame: topFrame() }, 'vault.dump')).ok).toBe(false);
    expect((await invoke({ sender: ourContents, senderFrame: topFrame() }, 'history.importCsv', { fileName: '' })).ok).toBe(false);
    expect(ran).toEqual([]);
    expect(logs.join('\n')).toMatch(/unknown request "vault.dump"/);
    expect(logs.join('\n')).toMatch(/history\.importCsv: /);
  });

  it('unbinding removes the channel', () => {
    const { listeners, unbind } = setup();
    unbind();
    expect(listeners.size).toBe(0);
  });
});
