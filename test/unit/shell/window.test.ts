import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/**
 * The terminal window against a small fake of the `electron` module: the options it is built
 * with, and what its navigation, new-window and permission handlers decide.
 */
const fake = vi.hoisted(() => {
  const opened: string[] = [];
  const permissions: { request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void; check?: () => boolean } = {};
  const windows: Array<{ options: Record<string, unknown>; contents: EventEmitter & { openHandler?: (d: { url: string }) => { action: string } }; loaded: string[]; shown: number; maximized: number; emitter: EventEmitter }> = [];
  return { opened, permissions, windows };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    webContents: EventEmitter & { setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void; openHandler?: (d: { url: string }) => { action: string } };
    record: (typeof fake.windows)[number];
    constructor(options: Record<string, unknown>) {
      super();
      const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler(h: (d: { url: string }) => { action: string }) { contents.openHandler = h; } }) as BrowserWindow['webContents'];
      this.webContents = contents;
      this.record = { options, contents, loaded: [], shown: 0, maximized: 0, emitter: this };
      fake.windows.push(this.record);
    }
    loadURL(url: string) { this.record.loaded.push(url); return Promise.resolve(); }
    show() { this.record.shown++; }
    maximize() { this.record.maximized++; }
  }
  return {
    BrowserWindow,
    session: { defaultSession: { setPermissionRequestHandler: (h: never) => (fake.permissions.request = h), setPermissionCheckHandler: (h: never) => (fake.permissions.check = h) } },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  };
});

const { createTerminalWindow } = await import('../../../electron/main/window.ts');

function navigate(contents: EventEmitter, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('the terminal window', () => {
  it('is sandboxed, isolated, without Node, and loads only app://terminal', () => {
    createTerminalWindow('/app/preload.cjs');
    const { options, loaded } = fake.windows.at(-1)!;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
    });
    expect(loaded).toEqual(['app://terminal/index.html']);
  });

  it('refuses navigation and redirects away from the app, and webviews', () => {
    createTerminalWindow('/p');
    const { contents } = fake.windows.at(-1)!;
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://terminal.evil/x')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://terminal/index.html')).toBe(false);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('opens no window; allowed https links go to the browser, others nowhere', () => {
    createTerminalWindow('/p');
    const { contents } = fake.windows.at(-1)!;
    for (const url of ['https://www.tradingview.com/', 'https://www.bybit.com/trade', 'http://www.bybit.com/', 'https://evil.example/', 'javascript:alert(1)']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://www.tradingview.com/', 'https://www.bybit.com/trade']);
  });

  it('denies every permission request and check', () => {
    createTerminalWindow('/p');
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read']) fake.permissions.request!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(fake.permissions.check!()).toBe(false);
  });

  it('opens at the restored bounds, maximised when it was', () => {
    createTerminalWindow('/p', { bounds: { x: 5, y: 6, width: 1300, height: 700 }, maximized: true });
    const win = fake.windows.at(-1)!;
    expect(win.options).toMatchObject({ x: 5, y: 6, width: 1300, height: 700, show: false });
    win.emitter.emit('ready-to-show');
    expect([win.maximized, win.shown]).toEqual([1, 1]);
  });
});
