import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './protocol.ts';
import type { Bounds } from './desktopPrefs.ts';

/** External links the terminal may open in the user's browser: https only, known hosts. */
const EXTERNAL_ALLOW = [/^https:\/\/(www\.)?(binance|bybit|okx|bitget|gate|hyperliquid)\.[a-z]+\//, /^https:\/\/github\.com\//, /^https:\/\/(www\.)?tradingview\.com\//];

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW.some((pattern) => pattern.test(url));
}

/** The window's options with Electron's security checklist applied (docs/security.md, "The Electron shell", items 1–5 and 8). */
export function terminalWindowOptions(preloadPath: string, bounds?: Bounds): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 960,
    ...bounds,
    minWidth: 1000,
    minHeight: 640,
    backgroundColor: '#0b0e13',
    title: 'Funding Terminal',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export function createTerminalWindow(preloadPath: string, restored: { bounds?: Bounds; maximized: boolean } = { maximized: false }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow(terminalWindowOptions(preloadPath, restored.bounds));
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayInApp);
  win.webContents.on('will-redirect', stayInApp);
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => {
    if (restored.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
