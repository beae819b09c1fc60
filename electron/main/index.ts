import { app, ipcMain, dialog, globalShortcut, Menu, Notification, safeStorage, screen, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBackend, type Backend } from '../backend/backend.ts';
import { createStreamBatcher } from '../backend/streams/streamBatcher.ts';
import { STREAM_CHANNEL } from '../../shared/ipc/channels.ts';
import { bindContract } from './ipcBinding.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol.ts';
import { createTerminalWindow } from './window.ts';
import { menuTemplate, type MenuState } from './menu.ts';
import { createSafeStorageCipher } from './safeStorageCipher.ts';
import { openPrefsFile } from './desktopPrefs.ts';
import { installKillSwitch, type KillSwitchShell } from './killSwitchShell.ts';
import { claimSingleInstance } from './singleInstance.ts';
import { openLogFile, type LogFile } from './logFile.ts';
import { rememberWindowState, restoredBounds } from './windowState.ts';
import { watchRenderer } from './rendererWatch.ts';
import { guardClose } from './closeGuard.ts';
import { countOpenPairs } from './openPairs.ts';
import { createDesktopNotifier } from './notifications.ts';
import { checkForUpdates } from './updates.ts';
import { createAlertNotifier } from '../../shared/domain/alertNotifications.ts';
import type { Alert } from '../../shared/domain/signals.ts';

/**
 * The Electron shell, kept thin: lifecycle, the secure window, menu and hotkeys, the log file,
 * and the validated IPC binding. Everything else is the backend, which also runs under plain
 * Node. Runs from the bundle in dist/electron (see build/bundle.ts); docs/desktop.md.
 */
const here = dirname(fileURLToPath(import.meta.url));
const demo = process.argv.includes('--demo');
let backend: Backend | null = null;
let window: BrowserWindow | null = null;
let logFile: LogFile | null = null;

function focusWindow(): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

registerAppScheme();
app.enableSandbox();

if (claimSingleInstance(app, focusWindow)) {
  app.whenReady().then(start).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    logFile?.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'the terminal could not start', error: message }));
    dialog.showErrorBox('Funding Terminal could not start', message);
    app.quit();
  });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const log = openLogFile(join(userData, 'logs'), { tee: (line) => process.stderr.write(`${line}\n`) });
  logFile = log;
  // Until the backend's logger exists; these lines carry no secrets.
  const early = (msg: string) => log.write(JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg }));
  const prefs = openPrefsFile(join(userData, 'desktop.json'), early);
  serveRenderer(join(here, '../renderer'));
  const dataDir = join(userData, demo ? 'demo' : 'paper');
  const win = createTerminalWindow(join(here, 'preload.cjs'), restoredBounds(prefs.read().window, screen.getAllDisplays().map((d) => d.workArea)));
  window = win;
  const ask = (options: MessageBoxOptions) => dialog.showMessageBox(win, options);
  rememberWindowState(win, (state) => prefs.update({ window: state }));
  watchRenderer(win.webContents, { ask, quit: () => app.quit(), warn: early });
  const batcher = createStreamBatcher((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(STREAM_CHANNEL, name, payload);
  });
  const notify = createAlertNotifier(createDesktopNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) }, focusWindow));
  // Notified from main, so a notification does not depend on the page being alive.
  const publish: typeof batcher.publish = (name, payload) => {
    if (name === 'alerts' && backend) {
      const alerts = payload as Alert[];
      void backend.handlers['settings.get'](undefined).then((settings) => notify(alerts, settings.notifyKinds), () => {});
    }
    batcher.publish(name, payload);
  };
  const started = await createBackend({
    mode: demo ? 'demo' : 'paper',
    dataDir,
    version: app.getVersion(),
    engineWorkerUrl: pathToFileURL(join(here, 'engine-worker.mjs')),
    studyWorkerUrl: pathToFileURL(join(here, 'study-worker.mjs')),
    marketWorkerUrl: pathToFileURL(join(here, 'market-worker.mjs')),
    publish,
    systemCipher: await createSafeStorageCipher(safeStorage),
    logSink: log.write,
    // A damaged database is set aside (renamed, kept) only when the trader says so; Quit is the default.
    onDamagedStore: async (fault) => (await dialog.showMessageBox(win, {
      type: 'error', title: 'Funding Terminal', message: 'The terminal\'s database is damaged', detail: fault.message,
      buttons: ['Start with a fresh database (keep the damaged file)', 'Quit'], defaultId: 1, cancelId: 1, noLink: true,
    })).response === 0,
  });
  backend = started;
  bindContract(ipcMain, started.handlers, { webContents: win.webContents, origin: APP_ORIGIN }, (line) => started.log.warn(line));
  guardClose(win, () => countOpenPairs(started.handlers), ask);
  let killSwitch: KillSwitchShell | null = null;
  const applyMenu = (state: MenuState) => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
    killSwitch: () => void killSwitch?.request('menu'),
    setSystemWideHotkey: (enabled) => killSwitch?.setSystemWide(enabled),
    revealLogs: () => shell.showItemInFolder(log.path),
  }, state, process.platform)));
  killSwitch = installKillSwitch({
    window: win,
    showMessageBox: ask,
    shortcuts: globalShortcut,
    prefs,
    engage: (reason) => started.engageKillSwitch(reason),
    applyMenu,
    warn: (line) => started.log.warn(line),
  });
  void checkForUpdates({
    packaged: app.isPackaged,
    enabled: prefs.read().checkForUpdates,
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    warn: (line) => started.log.warn(line),
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  globalShortcut.unregisterAll();
  if (!backend) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  void closing.stop().finally(() => void (logFile?.close() ?? Promise.resolve()).finally(() => app.exit(0)));
});
