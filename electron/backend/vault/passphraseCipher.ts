/**
 * The cipher used where no OS keyring backs `safeStorage` (Linux `basic_text`): a key derived
 * from the user's passphrase with scrypt, then AES-256-GCM with a fresh random IV for every
 * record. A keyed check value (HMAC of a fixed label under the derived key) tells a wrong
 * passphrase apart from a damaged file without decrypting anything.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { VaultError, type Cipher } from './cipher.ts';

export const PASSPHRASE_BACKEND = 'scrypt-aes-256-gcm';
/** 2^15 is OWASP's floor for scrypt with r = 8; files asking for less are refused. */
export const MIN_SCRYPT_N = 2 ** 15;
/** A tampered file must not make unlock allocate gigabytes. */
const MAX_SCRYPT_N = 2 ** 20;
export const MIN_PASSPHRASE_LENGTH = 8;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BLOB_VERSION = 1;
const CHECK_LABEL = 'funding-terminal vault passphrase check v1';

/** What the vault file stores to re-derive the key: never the key or the passphrase. */
export interface KdfParams {
  /** Base64 of the per-vault random salt. */
  salt: string;
  N: number;
  r: number;
  p: number;
  /** Base64 HMAC-SHA256 of CHECK_LABEL under the derived key. */
  check: string;
}

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r * p }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function checkValue(key: Buffer): Buffer {
  return createHmac('sha256', key).update(CHECK_LABEL).digest();
}

function assertSaneParams(kdf: KdfParams): void {
  const powerOfTwo = Number.isInteger(kdf.N) && (kdf.N & (kdf.N - 1)) === 0;
  if (!powerOfTwo || kdf.N < MIN_SCRYPT_N || kdf.N > MAX_SCRYPT_N || kdf.r !== 8 || kdf.p !== 1) {
    throw new VaultError('tampered', `the vault's key-derivation parameters (N=${kdf.N}, r=${kdf.r}, p=${kdf.p}) are not ones this terminal writes; the file was altered`);
  }
}

function aesGcmCipher(key: Buffer): Cipher {
  return {
    kind: 'passphrase',
    backend: PASSPHRASE_BACKEND,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const aes = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([aes.update(plain), aes.final()]);
      return Buffer.concat([Buffer.from([BLOB_VERSION]), iv, aes.getAuthTag(), body]);
    },
    async decrypt(blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== BLOB_VERSION) {
        throw new VaultError('tampered', 'an encrypted vault record is truncated or of an unknown version');
      }
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const aes = createDecipheriv('aes-256-gcm', key, iv);
      aes.setAuthTag(tag);
      try {
        return Buffer.concat([aes.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), aes.final()]);
      } catch {
        // GCM's tag check is the only thing that fails here: the bytes were changed.
        throw new VaultError('tampered', 'an encrypted vault record failed its integrity check; the file was altered or damaged');
      }
    },
    dispose() {
      key.fill(0);
    },
  };
}

/**
 * Derives the key from `passphrase`. With `kdf` (an existing vault) the passphrase is checked
 * against the stored check value and a mismatch is a `wrong-passphrase` error; without it a
 * new random salt is drawn and the parameters to store are returned.
 */
export async function createPassphraseCipher(passphrase: string, kdf?: KdfParams): Promise<{ cipher: Cipher; kdf: KdfParams }> {
  if (kdf === undefined) {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new VaultError('passphrase-required', `a new vault passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
    }
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt, MIN_SCRYPT_N, 8, 1);
    const params = { salt: salt.toString('base64'), N: MIN_SCRYPT_N, r: 8, p: 1, check: checkValue(key).toString('base64') };
    return { cipher: aesGcmCipher(key), kdf: params };
  }
  assertSaneParams(kdf);
  const key = await deriveKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf.N, kdf.r, kdf.p);
  const expected = Buffer.from(kdf.check, 'base64');
  const actual = checkValue(key);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new VaultError('wrong-passphrase', 'wrong passphrase: the key vault could not be unlocked');
  }
  return { cipher: aesGcmCipher(key), kdf };
}
