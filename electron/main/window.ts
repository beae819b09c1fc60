import { BrowserWindow, session, shell } from 'electron';
import { APP_ORIGIN } from './protocol.ts';

/** External links the terminal may open in the user's browser: https only, known hosts. */
const EXTERNAL_ALLOW = [/^https:\/\/(www\.)?(binance|bybit|okx|bitget|gate|hyperliquid)\.[a-z]+\//, /^https:\/\/github\.com\//];

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW.some((pattern) => pattern.test(url));
}

/** The terminal window with Electron's security checklist applied (docs/security.md §1–7). */
export function createTerminalWindow(preloadPath: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1600,
    height: 960,
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
  });

  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
