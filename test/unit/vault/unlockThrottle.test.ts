/**
 * The unlock throttle, on an injected wall clock (counts of refused tries, never sleeps): free
 * tries, then a doubling wait, refusals in words, reset on the right passphrase, and a count that
 * survives a restart and a kill in the middle of a try.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../../electron/backend/vault/cipher.ts';
import { attemptsPath, createUnlockThrottle, MAX_DELAY_MS, unlockDelayMs } from '../../../electron/backend/vault/unlockThrottle.ts';
import { createVault } from '../../../electron/backend/vault/vault.ts';
import { createVaultHandlers } from '../../../electron/backend/vault/vaultHandlers.ts';
import { PASSPHRASE, tempVaultPath } from './vaultFixtures.ts';

let path: string;
let cleanup: () => Promise<void>;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  ({ path, cleanup } = await tempVaultPath());
  clock = 1_700_000_000_000;
  const vault = createVault({ path, systemCipher: null, now });
  await vault.unlock(PASSPHRASE);
  vault.lock();
});
afterEach(async () => {
  await cleanup();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error === null) return 'unlocked';
  if (!(error instanceof VaultError)) throw error;
  return error.kind;
}

/** `tries` unlock attempts at the current time; how each ended. */
async function tryUnlock(tries: number, passphrase = 'wrong passphrase'): Promise<string[]> {
  const vault = createVault({ path, systemCipher: null, now });
  const results: string[] = [];
  for (let i = 0; i < tries; i++) results.push(await outcome(vault.unlock(passphrase)));
  return results;
}

const failures = async (): Promise<number> => (JSON.parse(await readFile(attemptsPath(path), 'utf8')) as { failures: number }).failures;

describe('the vault unlock throttle', () => {
  it('waits 0, 0, 1 s, 2 s, 4 s … after each wrong passphrase, capped at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5].map(unlockDelayMs)).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(unlockDelayMs(40)).toBe(MAX_DELAY_MS);
  });

  it('two wrong passphrases are free; at the same moment the next ten are refused without checking', async () => {
    expect(await tryUnlock(2)).toEqual(['wrong-passphrase', 'wrong-passphrase']);
    expect(await tryUnlock(10)).toEqual(Array(10).fill('throttled'));
    expect(await failures()).toBe(2);
    clock += 999;
    expect(await tryUnlock(1)).toEqual(['throttled']);
    clock += 1;
    expect(await tryUnlock(2)).toEqual(['wrong-passphrase', 'throttled']);
    clock += 1_999;
    expect(await tryUnlock(1)).toEqual(['throttled']);
    clock += 1;
    expect(await tryUnlock(1)).toEqual(['wrong-passphrase']);
  });

  it('a refusal says how long to wait; the right passphrase is refused too while the wait lasts', async () => {
    expect(await tryUnlock(3)).toEqual(['wrong-passphrase', 'wrong-passphrase', 'throttled']);
    clock += 500; // half of the 1 s wait is left
    const vault = createVault({ path, systemCipher: null, now });
    const error = await vault.unlock(PASSPHRASE).then(() => null, (e: unknown) => e as VaultError);
    expect(error).toMatchObject({ kind: 'throttled', message: expect.stringMatching(/^2 wrong passphrases in a row: wait 1 s before trying again/) });
  });

  it('the right passphrase after the wait unlocks and resets the count', async () => {
    await tryUnlock(4);
    clock += unlockDelayMs(2);
    expect(await tryUnlock(1, PASSPHRASE)).toEqual(['unlocked']);
    expect(await failures()).toBe(0);
    expect(await tryUnlock(3)).toEqual(['wrong-passphrase', 'wrong-passphrase', 'throttled']);
  });

  it('holds over the contract: vault.unlock requests are refused in words, not checked', async () => {
    const handlers = createVaultHandlers(createVault({ path, systemCipher: null, now }));
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await handlers['vault.unlock']({ passphrase: 'guess' }).then(() => 'unlocked', (e: unknown) => (e as Error).message));
    expect(results.slice(0, 2)).toEqual([expect.stringMatching(/^wrong passphrase/), expect.stringMatching(/^wrong passphrase/)]);
    expect(results.slice(2)).toEqual(Array(4).fill(expect.stringMatching(/^2 wrong passphrases in a row: wait 1 s/)));
  });

  it('a restart does not reset it: a new vault on the same file refuses as the old one did', async () => {
    await tryUnlock(2);
    expect(await tryUnlock(1)).toEqual(['throttled']);
  });

  it('a try killed before the passphrase was checked still counts', async () => {
    const throttle = createUnlockThrottle({ path: attemptsPath(path), now });
    await tryUnlock(1);
    void throttle.attempt(() => new Promise<never>(() => undefined)); // the app dies during the check
    await expect.poll(failures).toBe(2);
    expect(await tryUnlock(1)).toEqual(['throttled']);
  });

  it('a failure that is not a wrong passphrase leaves the count as it was', async () => {
    await tryUnlock(1);
    const throttle = createUnlockThrottle({ path: attemptsPath(path), now });
    await expect(throttle.attempt(async () => { throw new VaultError('tampered', 'altered'); })).rejects.toThrow('altered');
    expect(await failures()).toBe(1);
  });

  it('a damaged counter allows one try, and a wrong one then waits the longest', async () => {
    await writeFile(attemptsPath(path), 'not json');
    expect(await tryUnlock(2)).toEqual(['wrong-passphrase', 'throttled']);
    clock += MAX_DELAY_MS - 1;
    expect(await tryUnlock(1)).toEqual(['throttled']);
  });
});
