/** The slice of electron-updater's autoUpdater used here (a fake in unit tests). */
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface UpdateCheckOptions {
  /** Only an installed app updates itself; `npm start` never does. */
  packaged: boolean;
  /** The trader's choice (desktop.json, `checkForUpdates`); off by default. */
  enabled: boolean;
  /** Loads electron-updater only when a check will run. */
  loadUpdater(): Promise<Updater>;
  warn(line: string): void;
}

/**
 * The update path: electron-updater reads the `publish` block of build/electron-builder.json
 * (baked into the app as app-update.yml). Off until configured and chosen: a trading terminal
 * must not change under the trader unasked. See docs/desktop.md, "Updates".
 */
export async function checkForUpdates(options: UpdateCheckOptions): Promise<'checked' | 'off'> {
  if (!options.packaged || !options.enabled) return 'off';
  try {
    await (await options.loadUpdater()).checkForUpdatesAndNotify();
    return 'checked';
  } catch (error) {
    options.warn(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
    return 'checked';
  }
}
