import ccxt from 'ccxt';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { testVenueKey } from '../../../electron/backend/vault/keyCheck.ts';
import { createVault, type Vault } from '../../../electron/backend/vault/vault.ts';
import { createVaultHandlers, type VaultHandlers } from '../../../electron/backend/vault/vaultHandlers.ts';
import { createLogger } from '../../../electron/backend/log/logger.ts';
import { VenueError } from '../../../electron/backend/markets/venueErrors.ts';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { PASSPHRASE, leakedSecrets, tempVaultPath } from '../../unit/vault/vaultFixtures.ts';

const VENUES = ['binanceusdm', 'bybit', 'okx'] as const satisfies readonly VenueId[];
const HL_PRIVATE_KEY = `0x${'5d'.repeat(32)}`;
const ASTER_PRIVATE_KEY = `0x${'6e'.repeat(32)}`;
const CREDENTIALS = {
  binanceusdm: { apiKey: 'BINANCE-test-key-a1b2', secret: 'BINANCE-secret-c3d4e5f6' },
  bybit: { apiKey: 'BYBIT-test-key-g7h8', secret: 'BYBIT-secret-i9j0k1l2' },
  okx: { apiKey: 'OKX-test-key-m3n4', secret: 'OKX-secret-o5p6q7r8', password: 'OKX-pass-s9t0' },
} as const;
const ALL_SECRETS = Object.values(CREDENTIALS).flatMap((c) => Object.values(c) as string[]);

let sim: Simulator;
let hlWallet: string;
let asterWallet: string;
beforeAll(async () => {
  sim = await startSimulator({ seed: 3, paused: true, venues: [...VENUES, 'hyperliquid', 'aster'], universeSize: 20 });
  for (const venue of VENUES) sim.credentials.add({ venue, ...CREDENTIALS[venue] });
  hlWallet = new ccxt.hyperliquid().ethGetAddressFromPrivateKey(HL_PRIVATE_KEY);
  sim.credentials.add({ venue: 'hyperliquid', apiKey: hlWallet, secret: HL_PRIVATE_KEY });
  asterWallet = new ccxt.aster().ethGetAddressFromPrivateKey(ASTER_PRIVATE_KEY);
  sim.credentials.add({ venue: 'aster', apiKey: asterWallet, secret: ASTER_PRIVATE_KEY });
});
afterAll(async () => {
  await sim.close();
});

describe('testVenueKey: one signed fetchBalance through ccxt against the simulator', () => {
  it.each(VENUES)('%s: valid credentials prove the read permission', async (venue) => {
    expect(await testVenueKey(venue, CREDENTIALS[venue], sim.url)).toEqual({ permissions: ['read'], warnings: [] });
  });

  it.each(VENUES)('%s: an account in hedge position mode passes with a warning that says what to switch', async (venue) => {
    sim.accounts.setHedgeMode(venue, CREDENTIALS[venue].apiKey, true);
    try {
      const result = await testVenueKey(venue, CREDENTIALS[venue], sim.url);
      expect(result.permissions).toEqual(['read']);
      expect(result.warnings).toEqual([expect.stringMatching(new RegExp(`${venue} account is in hedge \\(dual-side\\) position mode.*switch the account to one-way mode`))]);
    } finally {
      sim.accounts.setHedgeMode(venue, CREDENTIALS[venue].apiKey, false);
    }
  });

  it.each(VENUES)('%s: a wrong secret is an auth error whose message names the venue and holds no secret', async (venue) => {
    const wrong = { ...CREDENTIALS[venue], secret: `WRONG-${venue}-secret-zz99` };
    const error = await testVenueKey(venue, wrong, sim.url).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).kind).toBe('auth');
    expect((error as VenueError).message).toMatch(/refused the API credentials/);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    expect(leakedSecrets(text, [...ALL_SECRETS, wrong.secret])).toEqual([]);
  });
});

describe('testVenueKey on Hyperliquid (balance is a public read by wallet address)', () => {
  it('a valid private key for the wallet passes with read, and no signed action (builder fee, referrer) is sent', async () => {
    sim.log.clear();
    expect(await testVenueKey('hyperliquid', { apiKey: hlWallet, secret: HL_PRIVATE_KEY }, sim.url)).toEqual({ permissions: ['read'], warnings: [] });
    const paths = sim.log.list({ venue: 'hyperliquid' }).map((entry) => entry.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.includes('/exchange'))).toEqual([]);
  });

  it.each([
    ['not hex', 'not-a-private-key-but-a-password'],
    ['zero, off the curve', `0x${'00'.repeat(32)}`],
  ])('a private key that is %s is an auth error that does not repeat the key', async (_what, secret) => {
    const error = await testVenueKey('hyperliquid', { apiKey: hlWallet, secret }, sim.url).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).kind).toBe('auth');
    expect(leakedSecrets((error as Error).message, [secret])).toEqual([]);
  });
});

describe('testVenueKey on Aster (every private call is signed with the wallet key)', () => {
  it('the wallet\'s key passes with read after one signed balance read, and no builder-fee approval is signed', async () => {
    sim.log.clear();
    expect(await testVenueKey('aster', { apiKey: asterWallet, secret: ASTER_PRIVATE_KEY }, sim.url)).toEqual({ permissions: ['read'], warnings: [] });
    const paths = sim.log.list({ venue: 'aster' }).map((entry) => entry.path);
    expect(paths).toContain('/aster/fapi/v3/balance');
    expect(paths.filter((path) => /builder/i.test(path))).toEqual([]);
  });

  it('a key of another wallet is refused by the venue as an auth error; a key that is not one says so in words', async () => {
    const other = await testVenueKey('aster', { apiKey: asterWallet, secret: `0x${'7f'.repeat(32)}` }, sim.url).then(() => null, (e: unknown) => e);
    expect((other as VenueError).kind).toBe('auth');
    const malformed = await testVenueKey('aster', { apiKey: asterWallet, secret: 'an-old-hmac-api-secret' }, sim.url).then(() => null, (e: unknown) => e);
    expect((malformed as VenueError).kind).toBe('auth');
    expect((malformed as Error).message).toContain('Aster refused the API credentials (the private key is not a valid 32-byte hex key)');
    expect(leakedSecrets((malformed as Error).message, ['an-old-hmac-api-secret'])).toEqual([]);
  });
});

describe('vault handlers over the contract (dispatch validates inputs and outputs)', () => {
  let path: string;
  let cleanup: () => Promise<void>;
  let vault: Vault;
  let handlers: VaultHandlers;
  let logLines: string[];
  // Only the vault's requests are exercised; any other request would fail loudly.
  const call = (name: string, input?: unknown) => dispatch(handlers as unknown as Handlers, name, input);

  beforeEach(async () => {
    ({ path, cleanup } = await tempVaultPath());
    vault = createVault({ path, systemCipher: null });
    logLines = [];
    const log = createLogger({ sink: (line) => logLines.push(line), secrets: () => vault.secretValues() });
    handlers = createVaultHandlers(vault, { baseUrlFor: () => sim.url, log });
  });
  afterEach(async () => {
    await cleanup();
  });

  async function unlockAndStore(): Promise<void> {
    expect(await call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    for (const venue of VENUES) {
      const result = await call('vault.setKey', { venue, label: 'main', ...CREDENTIALS[venue] });
      expect(result.ok).toBe(true);
    }
  }

  it('status, unlock, setKey, list, testKey and deleteKey answer what their contract schemas declare', async () => {
    const before = await call('vault.status');
    expect(before).toEqual({ ok: true, value: { locked: true, cipher: 'passphrase', backend: 'scrypt-aes-256-gcm', hasVault: false } });
    await unlockAndStore();
    const outputs: Array<[keyof typeof requests, unknown]> = [];
    for (const [name, input] of [
      ['vault.status', undefined], ['vault.list', undefined], ['vault.testKey', { venue: 'okx', label: 'main' }], ['vault.deleteKey', { venue: 'bybit', label: 'main' }],
    ] as const) {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      outputs.push([name, result.value]);
    }
    for (const [name, value] of outputs) expect(requests[name].output.safeParse(value).success).toBe(true);
    expect(outputs[2][1]).toEqual({ ok: true, permissions: ['read'], warnings: [], error: null });
  });

  it('a passing test records its permissions; a refused key records none', async () => {
    await unlockAndStore();
    await call('vault.testKey', { venue: 'binanceusdm', label: 'main' });
    sim.credentials.remove('bybit', CREDENTIALS.bybit.apiKey);
    const refused = await call('vault.testKey', { venue: 'bybit', label: 'main' });
    sim.credentials.add({ venue: 'bybit', ...CREDENTIALS.bybit });
    expect(refused).toMatchObject({ ok: true, value: { ok: false, permissions: [] } });
    const list = await call('vault.list');
    const permissions = list.ok ? (list.value as Array<{ venue: string; permissions: string[] | null }>).map((k) => [k.venue, k.permissions]) : [];
    expect(permissions).toEqual([['binanceusdm', ['read']], ['bybit', []], ['okx', null]]);
  });

  it('no handler output, error message or log line contains an API key, secret or passphrase', async () => {
    const seen: unknown[] = [];
    const record = async (name: string, input?: unknown) => {
      seen.push(await call(name, input));
    };
    await record('vault.list'); // locked: an error
    await record('vault.unlock', { passphrase: PASSPHRASE });
    for (const venue of VENUES) await record('vault.setKey', { venue, label: 'main', ...CREDENTIALS[venue] });
    await record('vault.list');
    for (const venue of VENUES) await record('vault.testKey', { venue, label: 'main' });
    await vault.setKey({ venue: 'okx', label: 'bad', apiKey: CREDENTIALS.okx.apiKey, secret: 'OKX-wrong-secret-x1y2', password: CREDENTIALS.okx.password });
    await record('vault.testKey', { venue: 'okx', label: 'bad' });
    await record('vault.setKey', { venue: 'nowhere', label: 'main', apiKey: 'NOWHERE-key-123456', secret: 'NOWHERE-secret-7890ab' });
    await record('vault.setKey', { venue: 'okx', label: 'x', apiKey: 'short', secret: 'tiny-secret-value-42' });
    vault.lock();
    await record('vault.unlock', { passphrase: 'a wrong passphrase' });
    await record('vault.testKey', { venue: 'okx', label: 'main' });

    const everything = JSON.stringify(seen) + '\n' + logLines.join('\n');
    expect(seen.some((r) => (r as { ok: boolean }).ok === false)).toBe(true);
    expect(logLines.length).toBeGreaterThan(0);
    const secrets = [...ALL_SECRETS, 'OKX-wrong-secret-x1y2', 'NOWHERE-key-123456', 'NOWHERE-secret-7890ab', 'tiny-secret-value-42', PASSPHRASE];
    expect(leakedSecrets(everything, secrets)).toEqual([]);
  });
});
