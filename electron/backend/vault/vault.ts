/**
 * The key vault (main process only). API keys live encrypted in one file; in memory only
 * between `unlock()` and `lock()`. What leaves the vault toward the UI is `list()`: venue,
 * label, fingerprint (last 4 of the API key), permissions and creation time, never a secret.
 * `credentials()` is the one exit for secrets and exists for building ccxt clients only.
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { HandlerInput, VaultKey, VaultStatus } from '../../../shared/ipc/contract.ts';
import { VaultError, type Cipher } from './cipher.ts';
import { createPassphraseCipher, PASSPHRASE_BACKEND, type KdfParams } from './passphraseCipher.ts';
import { attemptsPath, createUnlockThrottle } from './unlockThrottle.ts';
import { headerDigest, newHeader, readVaultFile, writeVaultFile, type VaultFile, type VaultFileHeader } from './vaultFile.ts';

export interface VenueCredentials {
  apiKey: string;
  secret: string;
  /** The API passphrase of venues that have one (OKX, Bitget, KuCoin). */
  password?: string;
}

/** A key as the trader enters it: where it is for, its label, and its secrets (validated by the contract). */
type KeyInput = HandlerInput<'vault.setKey'>;

export interface Vault {
  status(): Promise<VaultStatus>;
  /**
   * Opens (or creates) the vault. The passphrase is required only for the passphrase cipher;
   * after wrong ones, tries are refused for a growing wait (unlockThrottle.ts).
   */
  unlock(passphrase?: string): Promise<void>;
  /** Drops every key and the cipher from memory. */
  lock(): void;
  setKey(input: KeyInput): Promise<VaultKey>;
  deleteKey(venue: VenueId, label: string): Promise<boolean>;
  list(): VaultKey[];
  /**
   * The secrets of one key. ONLY for constructing a ccxt client in the main process (key test,
   * live broker); nothing may log, store, return over IPC or otherwise forward what this returns.
   */
  credentials(venue: VenueId, label: string): VenueCredentials;
  recordPermissions(venue: VenueId, label: string, permissions: string[]): Promise<void>;
  /** Every secret value currently in memory, for the logger's redaction (empty when locked). */
  secretValues(): string[];
}

export interface VaultOptions {
  /** The vault file, e.g. `<userData>/vault.json`. */
  path: string;
  /** The safeStorage cipher when the OS keyring backs it; null selects the passphrase cipher. */
  systemCipher: Cipher | null;
  /** Wall clock: creation times, and the unlock throttle's waits (which must survive a restart). */
  now?: () => number;
}

interface StoredKey extends KeyInput {
  permissions: string[] | null;
  createdAt: number;
}

interface Payload {
  header: string;
  keys: StoredKey[];
}

interface Open {
  cipher: Cipher;
  header: VaultFileHeader;
  keys: StoredKey[];
}

function describeBackend(cipher: string, backend: string): string {
  return cipher === 'passphrase' ? 'a passphrase (scrypt, AES-256-GCM)' : `the OS keyring through safeStorage (${backend})`;
}

function toEntry(key: StoredKey): VaultKey {
  return { venue: key.venue, label: key.label, fingerprint: key.apiKey.slice(-4), permissions: key.permissions, createdAt: key.createdAt };
}

function parsePayload(plain: Buffer, header: VaultFileHeader, path: string): StoredKey[] {
  let payload: Payload;
  try {
    payload = JSON.parse(plain.toString('utf8')) as Payload;
  } catch {
    throw new VaultError('tampered', `the key vault ${path} decrypted to unreadable data; the file was altered`);
  }
  if (payload.header !== headerDigest(header) || !Array.isArray(payload.keys)) {
    throw new VaultError('tampered', `the header of the key vault ${path} was altered after it was written`);
  }
  return payload.keys;
}

export function createVault(options: VaultOptions): Vault {
  const now = options.now ?? Date.now;
  const expected = { cipher: options.systemCipher?.kind ?? 'passphrase', backend: options.systemCipher?.backend ?? PASSPHRASE_BACKEND };
  let open: Open | null = null;
  const throttle = createUnlockThrottle({ path: attemptsPath(options.path), now });
  // Mutations are serialised so two quick setKey calls cannot write over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  function unlocked(): Open {
    if (open === null) throw new VaultError('locked', 'the key vault is locked; unlock it in Settings first');
    return open;
  }

  function find(venue: VenueId, label: string): StoredKey {
    const key = unlocked().keys.find((entry) => entry.venue === venue && entry.label === label);
    if (!key) throw new VaultError('unknown-key', `no API key labelled "${label}" is stored for ${venue}`);
    return key;
  }

  async function save(state: Open, keys: StoredKey[]): Promise<void> {
    const payload: Payload = { header: headerDigest(state.header), keys };
    const blob = await state.cipher.encrypt(Buffer.from(JSON.stringify(payload), 'utf8'));
    const file: VaultFile = { ...state.header, payload: blob.toString('base64') };
    await writeVaultFile(options.path, file);
    state.keys = keys;
  }

  function refuseBackendChange(file: VaultFile): void {
    if (file.cipher === expected.cipher && file.backend === expected.backend) return;
    throw new VaultError('backend-changed',
      `the key vault ${options.path} was encrypted with ${describeBackend(file.cipher, file.backend)}, but this session offers ` +
      `${describeBackend(expected.cipher, expected.backend)}. Refusing to open it: restore the previous keyring backend ` +
      `(e.g. start with --password-store), or delete the vault file and enter the API keys again.`);
  }

  async function cipherFor(file: VaultFile | null, passphrase: string | undefined): Promise<{ cipher: Cipher; kdf: KdfParams | null }> {
    if (options.systemCipher !== null) return { cipher: options.systemCipher, kdf: null };
    if (passphrase === undefined || passphrase === '') {
      throw new VaultError('passphrase-required', 'the key vault is protected by a passphrase (no OS keyring is available); enter it to unlock');
    }
    if (file !== null && file.kdf === null) throw new VaultError('corrupt-file', `the key vault ${options.path} lacks its key-derivation parameters`);
    return createPassphraseCipher(passphrase, file?.kdf ?? undefined);
  }

  async function unlock(passphrase?: string): Promise<void> {
    if (open !== null) return;
    const file = await readVaultFile(options.path);
    if (file !== null) refuseBackendChange(file);
    const { cipher, kdf } = await cipherFor(file, passphrase);
    if (file === null) {
      const created: Open = { cipher, header: newHeader(expected.cipher, expected.backend, kdf), keys: [] };
      await save(created, []);
      open = created;
      return;
    }
    const header: VaultFileHeader = { format: file.format, version: file.version, cipher: file.cipher, backend: file.backend, kdf: file.kdf };
    const plain = await cipher.decrypt(Buffer.from(file.payload, 'base64'));
    open = { cipher, header, keys: parsePayload(plain, header, options.path) };
  }

  /** Only an existing passphrase vault can be guessed at; creating one or the OS keyring is not throttled. */
  async function unlockThrottled(passphrase?: string): Promise<void> {
    if (open !== null) return;
    const guessable = options.systemCipher === null && passphrase !== undefined && passphrase !== '' && (await readVaultFile(options.path)) !== null;
    return guessable ? throttle.attempt(() => unlock(passphrase)) : unlock(passphrase);
  }

  return {
    async status() {
      const file = await readVaultFile(options.path);
      return { locked: open === null, cipher: expected.cipher, backend: expected.backend, hasVault: file !== null };
    },
    unlock: (passphrase) => exclusive(() => unlockThrottled(passphrase)),
    lock() {
      open?.cipher.dispose?.();
      open = null;
    },
    setKey: (input) => exclusive(async () => {
      const state = unlocked();
      const stored: StoredKey = {
        venue: input.venue, label: input.label, apiKey: input.apiKey, secret: input.secret,
        ...(input.password ? { password: input.password } : {}),
        permissions: null, createdAt: now(),
      };
      const others = state.keys.filter((key) => !(key.venue === input.venue && key.label === input.label));
      await save(state, [...others, stored]);
      return toEntry(stored);
    }),
    deleteKey: (venue, label) => exclusive(async () => {
      const state = unlocked();
      const rest = state.keys.filter((key) => !(key.venue === venue && key.label === label));
      if (rest.length === state.keys.length) return false;
      await save(state, rest);
      return true;
    }),
    list: () => unlocked().keys.map(toEntry),
    credentials(venue, label) {
      const key = find(venue, label);
      return { apiKey: key.apiKey, secret: key.secret, ...(key.password ? { password: key.password } : {}) };
    },
    recordPermissions: (venue, label, permissions) => exclusive(async () => {
      const state = unlocked();
      const target = find(venue, label);
      await save(state, state.keys.map((key) => (key === target ? { ...key, permissions: [...permissions] } : key)));
    }),
    secretValues() {
      if (open === null) return [];
      return open.keys.flatMap((key) => [key.apiKey, key.secret, ...(key.password ? [key.password] : [])]);
    },
  };
}
