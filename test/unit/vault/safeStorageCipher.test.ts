import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageCipher, type SafeStorageApi } from '../../../electron/main/safeStorageCipher.ts';
import { createVault } from '../../../electron/backend/vault/vault.ts';
import { VaultError } from '../../../electron/backend/vault/cipher.ts';
import { KEY, PASSPHRASE, leakedSecrets, tempVaultPath } from './vaultFixtures.ts';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/**
 * A stand-in for Electron's safeStorage: a keyring holding one AES-256-GCM key, so that
 * blobs are real ciphertext and a changed byte fails like the OS would.
 */
function fakeSafeStorage(backend: Backend, available = true, key = randomBytes(32)): SafeStorageApi & { calls: number } {
  const fake = {
    calls: 0,
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    async encryptStringAsync(plain: string) {
      fake.calls += 1;
      const iv = randomBytes(12);
      const aes = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([aes.update(plain, 'utf8'), aes.final()]);
      return Buffer.concat([iv, aes.getAuthTag(), body]);
    },
    async decryptStringAsync(blob: Buffer) {
      fake.calls += 1;
      const aes = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
      aes.setAuthTag(blob.subarray(12, 28));
      const result = Buffer.concat([aes.update(blob.subarray(28)), aes.final()]).toString('utf8');
      return { shouldReEncrypt: false, result };
    },
  };
  return fake;
}

let path: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path, cleanup } = await tempVaultPath());
});
afterEach(async () => {
  await cleanup();
});

describe('safeStorage cipher selection', () => {
  it('Linux basic_text is not protection: no safeStorage cipher, the vault falls back to a passphrase', async () => {
    expect(await createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux')).toBeNull();
  });

  it('no safeStorage cipher when encryption is unavailable or the backend is not known yet', async () => {
    expect(await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret', false), 'linux')).toBeNull();
    expect(await createSafeStorageCipher(fakeSafeStorage('unknown'), 'linux')).toBeNull();
  });

  it('names the keyring backend: the Linux selection, keychain on macOS, dpapi on Windows', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage('kwallet5'), 'linux'))?.backend).toBe('kwallet5');
    expect((await createSafeStorageCipher(fakeSafeStorage('unknown'), 'darwin'))?.backend).toBe('keychain');
    expect((await createSafeStorageCipher(fakeSafeStorage('unknown'), 'win32'))?.backend).toBe('dpapi');
  });

  it('round-trips arbitrary bytes (not only text) through safeStorage', async () => {
    const cipher = (await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux'))!;
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0xc3]);
    expect(await cipher.decrypt(await cipher.encrypt(bytes))).toEqual(bytes);
  });
});

describe('key vault on safeStorage', () => {
  it('unlocks without a passphrase, stores keys through the keyring, and the file holds no secret', async () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const systemCipher = await createSafeStorageCipher(storage, 'linux');
    const vault = createVault({ path, systemCipher });
    await vault.unlock();
    await vault.setKey(KEY);
    vault.lock();
    await vault.unlock();
    expect(vault.credentials('okx', 'main').secret).toBe(KEY.secret);
    expect(storage.calls).toBeGreaterThan(0);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ cipher: 'safeStorage', backend: 'gnome_libsecret', kdf: null });
    expect(leakedSecrets(text)).toEqual([]);
  });

  it('a vault made on gnome_libsecret is refused when the session falls back to basic_text (passphrase)', async () => {
    const vault = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux') });
    await vault.unlock();
    await vault.setKey(KEY);
    const fallback = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux') });
    const error = await fallback.unlock(PASSPHRASE).then(() => null, (e: unknown) => e as VaultError);
    expect(error).toBeInstanceOf(VaultError);
    expect(error?.kind).toBe('backend-changed');
    expect(error?.message).toMatch(/gnome_libsecret/);
    expect(error?.message).toMatch(/Refusing to open/);
  });

  it('a vault made on one keyring is refused on another keyring (kwallet5 → gnome_libsecret)', async () => {
    const vault = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('kwallet5'), 'linux') });
    await vault.unlock();
    const other = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux') });
    await expect(other.unlock()).rejects.toMatchObject({ kind: 'backend-changed' });
  });

  it('a passphrase vault is refused when a keyring appears, instead of being silently re-keyed', async () => {
    const vault = createVault({ path, systemCipher: null });
    await vault.unlock(PASSPHRASE);
    const keyring = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux') });
    await expect(keyring.unlock()).rejects.toMatchObject({ kind: 'backend-changed' });
  });

  it('a flipped byte in a safeStorage vault is refused as tampering', async () => {
    const systemCipher = await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret'), 'linux');
    const vault = createVault({ path, systemCipher });
    await vault.unlock();
    await vault.setKey(KEY);
    vault.lock();
    const file = JSON.parse(await readFile(path, 'utf8')) as { payload: string };
    const blob = Buffer.from(file.payload, 'base64');
    blob[blob.length - 3] ^= 0x01;
    await writeFile(path, JSON.stringify({ ...file, payload: blob.toString('base64') }));
    await expect(createVault({ path, systemCipher }).unlock()).rejects.toMatchObject({ kind: 'tampered' });
  });

  it('editing the recorded backend to match another session is caught by the header digest inside the payload', async () => {
    const keyring = randomBytes(32);
    const vault = createVault({ path, systemCipher: await createSafeStorageCipher(fakeSafeStorage('gnome_libsecret', true, keyring), 'linux') });
    await vault.unlock();
    await vault.setKey(KEY);
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...file, backend: 'kwallet5' }));
    const sameKeyOtherName = await createSafeStorageCipher(fakeSafeStorage('kwallet5', true, keyring), 'linux');
    const error = await createVault({ path, systemCipher: sameKeyOtherName }).unlock().then(() => null, (e: unknown) => e as VaultError);
    expect(error?.kind).toBe('tampered');
    expect(error?.message).toMatch(/header .* was altered/);
  });
});
