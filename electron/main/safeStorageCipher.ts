/**
 * The key vault's cipher backed by Electron `safeStorage` (OS keychain / DPAPI / libsecret /
 * KWallet). Returns null where that protection is not real: encryption unavailable, or Linux's
 * `basic_text` backend, which "encrypts" with a hard-coded password. The vault then uses the
 * passphrase cipher. `safeStorage` is passed in so the selection logic is testable without
 * an Electron binary.
 */
import type { SafeStorage } from 'electron';
import { VaultError, type Cipher } from '../backend/vault/cipher.ts';

export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/** The backend name recorded in the vault file, so that a change of keyring is noticed. */
function backendName(safeStorage: SafeStorageApi, platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return platform;
}

export async function createSafeStorageCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform = process.platform): Promise<Cipher | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  const backend = backendName(safeStorage, platform);
  // `unknown` means the app is not ready yet: choosing now could record the wrong backend.
  if (backend === 'basic_text' || backend === 'unknown') return null;
  return {
    kind: 'safeStorage',
    backend,
    // safeStorage takes strings; base64 keeps arbitrary bytes intact through it.
    encrypt: async (plain) => safeStorage.encryptStringAsync(plain.toString('base64')),
    async decrypt(blob) {
      let text: string;
      try {
        ({ result: text } = await safeStorage.decryptStringAsync(blob));
      } catch (error) {
        throw new VaultError('tampered', `the OS keyring (${backend}) could not decrypt the key vault: ${error instanceof Error ? error.message : String(error)}`);
      }
      return Buffer.from(text, 'base64');
    },
  };
}
