import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../../../electron/backend/vault/vault.ts';
import { VaultError } from '../../../electron/backend/vault/cipher.ts';
import { KEY, PASSPHRASE, leakedSecrets, tempVaultPath } from './vaultFixtures.ts';

let path: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ path, cleanup } = await tempVaultPath());
});
afterEach(async () => {
  await cleanup();
});

async function vaultWithKey(): Promise<Vault> {
  const vault = createVault({ path, systemCipher: null, now: () => 1_700_000_000_000 });
  await vault.unlock(PASSPHRASE);
  await vault.setKey(KEY);
  return vault;
}

async function failure(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

async function flipByte(at: (text: string) => number): Promise<void> {
  const bytes = await readFile(path);
  const index = at(bytes.toString('utf8'));
  bytes[index] = bytes[index] === 0x41 ? 0x42 : 0x41; // 'A' ↔ 'B' keeps it base64 and JSON
  await writeFile(path, bytes);
}

describe('key vault with a passphrase (no OS keyring)', () => {
  it('a stored key comes back from credentials() after locking and unlocking again', async () => {
    const vault = await vaultWithKey();
    vault.lock();
    const reopened = createVault({ path, systemCipher: null });
    await reopened.unlock(PASSPHRASE);
    expect(reopened.credentials('okx', 'main')).toEqual({ apiKey: KEY.apiKey, secret: KEY.secret, password: KEY.password });
  });

  it('list() shows venue, label, the last 4 of the API key, permissions and date, and no secret', async () => {
    const vault = await vaultWithKey();
    const list = vault.list();
    expect(list).toEqual([{ venue: 'okx', label: 'main', fingerprint: '7f3e', permissions: null, createdAt: 1_700_000_000_000 }]);
    expect(leakedSecrets(JSON.stringify(list))).toEqual([]);
  });

  it('recorded permissions persist and setKey on the same label replaces the key', async () => {
    const vault = await vaultWithKey();
    await vault.recordPermissions('okx', 'main', ['read']);
    await vault.setKey({ ...KEY, label: 'second' });
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect(vault.list().map((k) => [k.label, k.permissions])).toEqual([['main', ['read']], ['second', null]]);
    await vault.setKey({ ...KEY, apiKey: 'another-api-key-0000' });
    expect(vault.list().find((k) => k.label === 'main')?.fingerprint).toBe('0000');
    expect(vault.list()).toHaveLength(2);
  });

  it('deleteKey removes the key from the file, and reports whether there was one', async () => {
    const vault = await vaultWithKey();
    expect(await vault.deleteKey('okx', 'main')).toBe(true);
    expect(await vault.deleteKey('okx', 'main')).toBe(false);
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect(vault.list()).toEqual([]);
  });

  it('a wrong passphrase is refused as "wrong passphrase", not decrypted to garbage', async () => {
    (await vaultWithKey()).lock();
    const vault = createVault({ path, systemCipher: null });
    const error = await failure(vault.unlock('not the passphrase'));
    expect(error.kind).toBe('wrong-passphrase');
    expect(error.message).toMatch(/wrong passphrase/);
    expect((await vault.status()).locked).toBe(true);
  });

  it('unlocking without a passphrase asks for it', async () => {
    (await vaultWithKey()).lock();
    expect((await failure(createVault({ path, systemCipher: null }).unlock())).kind).toBe('passphrase-required');
  });

  it('a flipped byte in the encrypted payload is refused as tampering', async () => {
    (await vaultWithKey()).lock();
    await flipByte((text) => text.indexOf('"payload"') + 40);
    expect((await failure(createVault({ path, systemCipher: null }).unlock(PASSPHRASE))).kind).toBe('tampered');
  });

  it('a weakened key-derivation parameter in the header is refused as tampering', async () => {
    (await vaultWithKey()).lock();
    const file = JSON.parse(await readFile(path, 'utf8')) as { kdf: { N: number } };
    file.kdf.N = 1024;
    await writeFile(path, JSON.stringify(file));
    expect((await failure(createVault({ path, systemCipher: null }).unlock(PASSPHRASE))).kind).toBe('tampered');
  });

  it('a file that is not a vault is refused naming the file', async () => {
    await writeFile(path, '{"format":"something-else"}');
    const error = await failure(createVault({ path, systemCipher: null }).unlock(PASSPHRASE));
    expect(error.kind).toBe('corrupt-file');
    expect(error.message).toContain(path);
  });

  it('the file holds no secret, API key or passphrase in plain text, and is mode 0600', async () => {
    await vaultWithKey();
    const bytes = await readFile(path, 'utf8');
    expect(leakedSecrets(bytes, [KEY.apiKey, KEY.secret, KEY.password, PASSPHRASE])).toEqual([]);
    expect(JSON.parse(bytes)).toMatchObject({ cipher: 'passphrase', backend: 'scrypt-aes-256-gcm' });
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('writes leave no temporary files behind (temp file renamed over the vault)', async () => {
    const vault = await vaultWithKey();
    await Promise.all([vault.setKey({ ...KEY, label: 'a' }), vault.setKey({ ...KEY, label: 'b' }), vault.deleteKey('okx', 'main')]);
    expect(await readdir(dirname(path))).toEqual(['vault.json']);
    vault.lock();
    await vault.unlock(PASSPHRASE);
    expect(vault.list().map((k) => k.label).sort()).toEqual(['a', 'b']);
  });

  it('each save encrypts with a fresh IV: the same content never gives the same bytes', async () => {
    const vault = await vaultWithKey();
    const first = JSON.parse(await readFile(path, 'utf8')) as { payload: string };
    await vault.recordPermissions('okx', 'main', []);
    await vault.recordPermissions('okx', 'main', []);
    const second = JSON.parse(await readFile(path, 'utf8')) as { payload: string };
    await vault.recordPermissions('okx', 'main', []);
    const third = JSON.parse(await readFile(path, 'utf8')) as { payload: string };
    expect(new Set([first.payload.slice(0, 20), second.payload.slice(0, 20), third.payload.slice(0, 20)]).size).toBe(3);
  });

  it('lock() drops the keys: list, credentials and secretValues refuse or are empty', async () => {
    const vault = await vaultWithKey();
    expect(vault.secretValues().sort()).toEqual([KEY.apiKey, KEY.password, KEY.secret].sort());
    vault.lock();
    expect(vault.secretValues()).toEqual([]);
    expect(() => vault.list()).toThrow(/locked/);
    expect(() => vault.credentials('okx', 'main')).toThrow(VaultError);
  });

  it('error messages name the venue and label but carry no secret', async () => {
    const vault = await vaultWithKey();
    const messages: string[] = [];
    try {
      vault.credentials('bybit', 'main');
    } catch (error) {
      messages.push((error as Error).message);
    }
    messages.push((await failure(createVault({ path, systemCipher: null }).unlock('wrong passphrase!'))).message);
    expect(messages[0]).toMatch(/bybit/);
    expect(leakedSecrets(messages.join('\n'), [KEY.apiKey, KEY.secret, KEY.password, PASSPHRASE])).toEqual([]);
  });

  it('a new vault refuses a passphrase shorter than 8 characters', async () => {
    expect((await failure(createVault({ path, systemCipher: null }).unlock('short'))).kind).toBe('passphrase-required');
  });
});
