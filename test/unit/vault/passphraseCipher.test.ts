import { describe, expect, it } from 'vitest';
import { createPassphraseCipher, MIN_SCRYPT_N } from '../../../electron/backend/vault/passphraseCipher.ts';
import { VaultError } from '../../../electron/backend/vault/cipher.ts';
import { PASSPHRASE } from './vaultFixtures.ts';

describe('passphrase cipher (scrypt → AES-256-GCM)', () => {
  it('uses scrypt with N ≥ 2^15, r = 8, p = 1 and a random salt per vault', async () => {
    const a = await createPassphraseCipher(PASSPHRASE);
    const b = await createPassphraseCipher(PASSPHRASE);
    expect(a.kdf.N).toBeGreaterThanOrEqual(2 ** 15);
    expect([a.kdf.r, a.kdf.p]).toEqual([8, 1]);
    expect(Buffer.from(a.kdf.salt, 'base64')).toHaveLength(16);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.kdf.check).not.toBe(b.kdf.check);
  });

  it('the same passphrase and stored parameters re-derive the key that decrypts earlier records', async () => {
    const first = await createPassphraseCipher(PASSPHRASE);
    const blob = await first.cipher.encrypt(Buffer.from('payload'));
    const again = await createPassphraseCipher(PASSPHRASE, first.kdf);
    expect((await again.cipher.decrypt(blob)).toString()).toBe('payload');
  });

  it('a record is version byte, 12-byte IV, 16-byte tag, then ciphertext of the same length as the input', async () => {
    const { cipher } = await createPassphraseCipher(PASSPHRASE);
    const blob = await cipher.encrypt(Buffer.alloc(100, 7));
    expect(blob.length).toBe(1 + 12 + 16 + 100);
    expect(blob[0]).toBe(1);
  });

  it('a record encrypted under another passphrase fails the tag check instead of decrypting to garbage', async () => {
    const one = await createPassphraseCipher(PASSPHRASE);
    const other = await createPassphraseCipher('another passphrase entirely');
    const error = await other.cipher.decrypt(await one.cipher.encrypt(Buffer.from('x'))).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).kind).toBe('tampered');
  });

  it('refuses parameters weaker than it writes (a tampered file cannot downgrade the KDF)', async () => {
    const { kdf } = await createPassphraseCipher(PASSPHRASE);
    await expect(createPassphraseCipher(PASSPHRASE, { ...kdf, N: MIN_SCRYPT_N / 2 })).rejects.toMatchObject({ kind: 'tampered' });
    await expect(createPassphraseCipher(PASSPHRASE, { ...kdf, r: 1 })).rejects.toMatchObject({ kind: 'tampered' });
  });

  it('dispose() overwrites the derived key: records no longer decrypt with that cipher', async () => {
    const { cipher } = await createPassphraseCipher(PASSPHRASE);
    const blob = await cipher.encrypt(Buffer.from('payload'));
    cipher.dispose?.();
    await expect(cipher.decrypt(blob)).rejects.toMatchObject({ kind: 'tampered' });
  });
});
