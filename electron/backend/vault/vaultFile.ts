/**
 * The vault's on-disk format: one small JSON document. The header says which cipher and
 * backend encrypted the payload (and, for a passphrase, how to re-derive its key); the payload
 * is the cipher's output in base64. A digest of the header is also stored *inside* the
 * encrypted payload, so an edited header is detected even by a cipher without associated data.
 * Written atomically (temp file, fsync, rename) with mode 0600.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { VaultError } from './cipher.ts';

const FORMAT = 'funding-terminal-vault';

const KdfParamsSchema = z.object({
  salt: z.base64(),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  check: z.base64(),
});

const VaultFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  cipher: z.enum(['safeStorage', 'passphrase']),
  backend: z.string().min(1).max(64),
  kdf: KdfParamsSchema.nullable(),
  payload: z.base64(),
});

export type VaultFile = z.infer<typeof VaultFileSchema>;
export type VaultFileHeader = Omit<VaultFile, 'payload'>;

/** SHA-256 over the header fields in a fixed order (JSON key order is not relied upon). */
export function headerDigest(header: VaultFileHeader): string {
  const kdf = header.kdf === null ? null : [header.kdf.salt, header.kdf.N, header.kdf.r, header.kdf.p, header.kdf.check];
  const canonical = JSON.stringify([header.format, header.version, header.cipher, header.backend, kdf]);
  return createHash('sha256').update(canonical).digest('base64');
}

export function newHeader(cipher: VaultFile['cipher'], backend: string, kdf: VaultFile['kdf']): VaultFileHeader {
  return { format: FORMAT, version: 1, cipher, backend, kdf };
}

/** A file's text, or `null` when it does not exist yet (any other read failure throws). */
export async function readTextIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads and validates the vault file; `null` when there is none yet. */
export async function readVaultFile(path: string): Promise<VaultFile | null> {
  const text = await readTextIfPresent(path);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError('corrupt-file', `the key vault ${path} is not valid JSON; it was damaged or replaced`);
  }
  const parsed = VaultFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultError('corrupt-file', `the key vault ${path} is not a vault this terminal wrote (${issue.path.join('.') || 'document'}: ${issue.message})`);
  }
  return parsed.data;
}

/** Replaces the vault file atomically: readers see the old or the new file, never a mix. */
export async function writeVaultFile(path: string, file: VaultFile): Promise<void> {
  await writeFileAtomically(path, JSON.stringify(file, null, 2) + '\n');
}

/** Replaces `path` by `text` durably (temp file, fsync, rename, directory fsync), mode 0600. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable; Windows cannot open a directory for fsync. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
