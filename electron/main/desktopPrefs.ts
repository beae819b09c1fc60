import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const BoundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) });

/** What the desktop shell remembers between runs; the trading settings live in the store. */
const PrefsSchema = z.object({
  /** Off unless the trader turns it on: a system-wide hotkey fires from any app. */
  systemWideKillHotkey: z.boolean().default(false),
  /** Off unless chosen, and only once a release feed is configured (build/electron-builder.json `publish`). */
  checkForUpdates: z.boolean().default(false),
  window: z.object({ bounds: BoundsSchema, maximized: z.boolean() }).optional(),
});

export type DesktopPrefs = z.infer<typeof PrefsSchema>;
export type WindowPrefs = NonNullable<DesktopPrefs['window']>;
export type Bounds = z.infer<typeof BoundsSchema>;

export interface PrefsFile {
  read(): DesktopPrefs;
  update(patch: Partial<DesktopPrefs>): DesktopPrefs;
}

/**
 * `desktop.json` in the user-data folder. A missing or damaged file gives the defaults (and
 * the damage is reported once): a preference must never stop the terminal from opening.
 * Written to a temporary file and renamed, so a crash mid-write leaves the old file whole.
 */
export function openPrefsFile(path: string, warn: (line: string) => void): PrefsFile {
  let prefs = load(path, warn);
  return {
    read: () => prefs,
    update(patch) {
      prefs = PrefsSchema.parse({ ...prefs, ...patch });
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(`${path}.tmp`, `${JSON.stringify(prefs, null, 2)}\n`);
        renameSync(`${path}.tmp`, path);
      } catch (error) {
        warn(`${path} could not be written (${error instanceof Error ? error.message : String(error)}); the change holds until the terminal quits`);
      }
      return prefs;
    },
  };
}

function load(path: string, warn: (line: string) => void): DesktopPrefs {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return PrefsSchema.parse({});
  }
  try {
    return PrefsSchema.parse(JSON.parse(text));
  } catch (error) {
    warn(`${path} could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); desktop preferences reset to their defaults`);
    return PrefsSchema.parse({});
  }
}
