import { EventEmitter } from 'node:events';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The shipped main-process bundle (dist/electron/main.mjs) started under Node against a small
 * fake of the `electron` module, in demo mode with a real backend: the lifecycle, the window,
 * the IPC binding, the menu, the hotkeys, the log file and the quit path, without a binary.
 */
const fake = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/ft-main-${process.pid}-${Date.now()}`;
  return {
    userData,
    ready: null as null | (() => void),
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    menus: [] as unknown[],
    shortcuts: new Map<string, () => void>(),
    dialogs: [] as Array<{ message?: string; buttons?: string[]; defaultId?: number; cancelId?: number }>,
    windows: [] as Array<EventEmitter & { webContents: EventEmitter & { sent: unknown[] }; loaded: string[] }>,
    exited: [] as number[],
    app: null as null | EventEmitter,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    whenReady: () => new Promise<void>((resolve) => (fake.ready = resolve)),
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {},
    getPath: () => fake.userData,
    getVersion: () => '0.0.0-test',
    isPackaged: false,
    quit: () => app.emit('will-quit', { preventDefault: () => {} }),
    exit: (code: number) => void fake.exited.push(code),
  });
  fake.app = app;
  class BrowserWindow extends EventEmitter {
    webContents = Object.assign(new EventEmitter(), {
      sent: [] as unknown[],
      send(...args: unknown[]) { this.sent.push(args); },
      setWindowOpenHandler() {},
      reload() {},
    });
    loaded: string[] = [];
    constructor() { super(); fake.windows.push(this as never); }
    loadURL(url: string) { this.loaded.push(url); return Promise.resolve(); }
    isDestroyed() { return false; }
    isMinimized() { return false; }
    restore() {}
    show() {}
    focus() {}
    maximize() {}
    close() { this.emit('close', { preventDefault: () => {} }); }
    getNormalBounds() { return { x: 0, y: 0, width: 1600, height: 960 }; }
    isMaximized() { return false; }
  }
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, h: never) => void fake.handlers.set(channel, h), removeHandler: (channel: string) => void fake.handlers.delete(channel) },
    dialog: { showMessageBox: async (_w: unknown, options: (typeof fake.dialogs)[number]) => (fake.dialogs.push(options), { response: options.cancelId ?? 0 }), showErrorBox: (title: string, body: string) => { throw new Error(`${title}: ${body}`); } },
    globalShortcut: { register: (a: string, cb: () => void) => (fake.shortcuts.set(a, cb), true), unregister: (a: string) => void fake.shortcuts.delete(a), isRegistered: (a: string) => fake.shortcuts.has(a), unregisterAll: () => fake.shortcuts.clear() },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void fake.menus.push(m) },
    Notification: Object.assign(class { on() {} show() {} }, { isSupported: () => false }),
    safeStorage: { isAsyncEncryptionAvailable: async () => false },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { showItemInFolder: () => {}, openExternal: async () => {} },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
  };
});

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('the main-process bundle under a fake electron', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, ['build/bundle.ts'], { stdio: 'pipe' });
    process.argv.push('--demo');
    await import('../../dist/electron/main.mjs' as string);
    fake.ready!();
    await waitFor(() => fake.menus.length > 0, 'the menu, installed once the backend runs');
  }, 120_000);

  afterAll(async () => {
    process.argv.splice(process.argv.indexOf('--demo'), 1);
  });

  it('opens one window on app://terminal and serves the contract to it only', async () => {
    expect(fake.windows).toHaveLength(1);
    const [win] = fake.windows;
    expect(win.loaded).toEqual(['app://terminal/index.html']);
    const invoke = fake.handlers.get('terminal:invoke')!;
    const ours = await invoke({ sender: win.webContents, senderFrame: { url: 'app://terminal/index.html', parent: null } }, 'app.info', undefined) as { ok: boolean; value: { mode: string } };
    expect(ours).toMatchObject({ ok: true, value: { mode: 'demo' } });
    const foreign = await invoke({ sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.info', undefined) as { ok: boolean };
    expect(foreign.ok).toBe(false);
  });

  it('registers no system-wide hotkey by default; the in-app one asks with Engage as default', async () => {
    expect(fake.shortcuts.size).toBe(0);
    const [win] = fake.windows;
    let prevented = false;
    win.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', key: 'K', shift: true, control: true, meta: false, alt: false, isAutoRepeat: false });
    await waitFor(() => fake.dialogs.length > 0, 'the kill-switch question');
    expect(prevented).toBe(true);
    const [question] = fake.dialogs;
    expect(question.message).toBe('Engage the kill switch?');
    expect(question.buttons![question.defaultId!]).toBe('Engage kill switch');
  });

  it('writes its log, JSON lines, to logs/terminal.log in the user-data folder', async () => {
    const log = join(fake.userData, 'logs', 'terminal.log');
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').length > 0, 'a log line');
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('level');
  });

  it('quits by stopping the backend, then exits 0', async () => {
    fake.app!.emit('will-quit', { preventDefault: () => {} });
    await waitFor(() => fake.exited.length > 0, 'the exit');
    expect(fake.exited).toEqual([0]);
  }, 60_000);
});
