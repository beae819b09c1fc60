/**
 * Slows down guessing the vault passphrase (docs/health.md, "Unlock throttle"). After two wrong
 * passphrases in a row each further try must wait 1 s, 2 s, 4 s … up to 5 minutes after the
 * previous failure; a refused try checks nothing and costs nothing. The count lives in a small
 * file beside the vault and is written BEFORE the passphrase is checked, so killing the app
 * mid-attempt (or restarting it) does not reset it; only a correct passphrase does.
 * Anyone who can edit that file can also copy the vault and guess offline, so the file guards
 * the contract path (the renderer asking main to unlock), not against local file access.
 */
import { z } from 'zod';
import { VaultError } from './cipher.ts';
import { readTextIfPresent, writeFileAtomically } from './vaultFile.ts';

/** Wrong passphrases allowed in a row before any wait. */
export const FREE_FAILURES = 2;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

const AttemptsSchema = z.object({
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.number().nullable(),
});
type Attempts = z.infer<typeof AttemptsSchema>;
const NONE: Attempts = { failures: 0, lastFailureAt: null };
/** Enough failures that the next wrong passphrase waits the maximum. */
const DAMAGED: Attempts = { failures: FREE_FAILURES + 16, lastFailureAt: null };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The wait imposed after `failures` wrong passphrases in a row: 0, 0, 1 s, 2 s, 4 s … capped. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** The counter file of the vault at `vaultPath`. */
export function attemptsPath(vaultPath: string): string {
  return `${vaultPath}.attempts.json`;
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export interface UnlockThrottle {
  /** Runs one unlock try unless a wait is in force; counts it as wrong until it succeeds. */
  attempt<T>(tryUnlock: () => Promise<T>): Promise<T>;
}

export function createUnlockThrottle(options: { path: string; now: () => number }): UnlockThrottle {
  const { path, now } = options;

  async function read(): Promise<Attempts> {
    const text = await readTextIfPresent(path);
    if (text === null) return NONE;
    // A damaged counter allows one try, and a wrong one then waits the longest: damage cannot reopen guessing.
    const parsed = AttemptsSchema.safeParse(parseJson(text));
    return parsed.success ? parsed.data : DAMAGED;
  }

  const write = (attempts: Attempts): Promise<void> => writeFileAtomically(path, JSON.stringify(attempts) + '\n');

  function refuseWhileWaiting(attempts: Attempts): void {
    const delay = unlockDelayMs(attempts.failures);
    if (delay === 0 || attempts.lastFailureAt === null) return;
    // A clock set back never makes the wait longer than the delay itself.
    const left = Math.min(attempts.lastFailureAt + delay - now(), delay);
    if (left <= 0) return;
    throw new VaultError('throttled',
      `${attempts.failures} wrong passphrases in a row: wait ${describeWait(left)} before trying again ` +
      `(each further wrong passphrase doubles the wait, up to ${describeWait(MAX_DELAY_MS)}; the right one resets it)`);
  }

  return {
    async attempt(tryUnlock) {
      const before = await read();
      refuseWhileWaiting(before);
      await write({ failures: before.failures + 1, lastFailureAt: now() });
      try {
        const result = await tryUnlock();
        await write(NONE);
        return result;
      } catch (error) {
        // Only a wrong passphrase is a guess; anything else (a damaged file) leaves the count as it was.
        if (!(error instanceof VaultError && error.kind === 'wrong-passphrase')) await write(before);
        throw error;
      }
    },
  };
}
