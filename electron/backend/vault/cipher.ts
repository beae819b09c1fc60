/**
 * What the key vault encrypts with. Two implementations: Electron `safeStorage` where the OS
 * keyring backs it (electron/main/safeStorageCipher.ts), and a passphrase-derived key
 * (passphraseCipher.ts) everywhere else. The vault file records `kind` and `backend` so that a
 * silent change of either is detected and refused (docs/security.md §10).
 */
import type { VaultStatus } from '../../../shared/ipc/contract.ts';

export type CipherKind = VaultStatus['cipher'];

export interface Cipher {
  kind: CipherKind;
  /** Which backend does the work, e.g. `gnome_libsecret`, `keychain`, `scrypt-aes-256-gcm`. */
  backend: string;
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Throws a `VaultError` when the blob was not produced by this cipher or was altered. */
  decrypt(blob: Buffer): Promise<Buffer>;
  /** Overwrites key material held in memory; called when the vault locks. */
  dispose?(): void;
}

export type VaultErrorKind =
  | 'wrong-passphrase'
  | 'tampered'
  | 'backend-changed'
  | 'corrupt-file'
  | 'locked'
  | 'passphrase-required'
  | 'unknown-key'
  | 'throttled';

/** Every failure of the vault, with a message for the user. Never carries a secret. */
export class VaultError extends Error {
  readonly kind: VaultErrorKind;
  constructor(kind: VaultErrorKind, message: string) {
    super(message);
    this.name = 'VaultError';
    this.kind = kind;
  }
}
