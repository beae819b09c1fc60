/** Shared pieces of the vault tests: a temporary vault path and recognisable fake secrets. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASSPHRASE = 'correct horse battery staple';
/** Distinctive values so that a search of any output for them cannot match by accident. */
export const KEY = { venue: 'okx', label: 'main', apiKey: 'AKIA-okx-public-key-7f3e', secret: 'SECRET-okx-9b1c4d7e2a', password: 'PASSPHRASE-okx-51ab' } as const;
export const SECRETS = [KEY.apiKey, KEY.secret, KEY.password];

export async function tempVaultPath(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ft-vault-'));
  return { path: join(dir, 'vault.json'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The secret strings found in `text` (empty when none leaked). */
export function leakedSecrets(text: string, secrets: readonly string[] = SECRETS): string[] {
  return secrets.filter((secret) => text.includes(secret));
}
