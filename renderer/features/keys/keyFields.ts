import { MONITORING_ONLY_VENUES, VENUES, WALLET_VENUES, type VenueId } from '../../../shared/domain/venues.ts';

/** Venues whose API keys come with a passphrase of their own (ccxt's requiredCredentials.password). */
export const HAS_PASSPHRASE: ReadonlySet<VenueId> = new Set(['okx', 'bitget', 'kucoinfutures']);

export interface KeyInput {
  apiKey: string;
  secret: string;
  password: string;
}

export interface KeyFieldWords {
  apiKey: string;
  secret: string;
  /** The passphrase field's name on a venue whose keys carry one, else null (no such field). */
  passphrase: string | null;
  /** One line on what the venue's fields hold, or null when "API key / secret" says it. */
  explanation: string | null;
}

/**
 * What each field is called on this venue. Hyperliquid signs with an API wallet (an "agent")
 * the trader approves for the main wallet: the address is the main wallet's, the private key
 * the agent's, which can trade but not withdraw (docs/ccxt.md, "Private calls"). OKX's and
 * Bitget's keys carry a passphrase chosen when the key was made, which is not the vault's.
 */
export function keyFieldWords(venue: VenueId): KeyFieldWords {
  const label = VENUES[venue].label;
  if (venue === 'hyperliquid') {
    return {
      apiKey: 'Wallet address',
      secret: 'API (agent) private key',
      passphrase: null,
      explanation: 'Your main wallet\'s address, and the private key of an API wallet approved for it on Hyperliquid (it can trade, not withdraw).',
    };
  }
  if (WALLET_VENUES.has(venue)) return { apiKey: 'Wallet address', secret: 'Wallet private key', passphrase: null, explanation: 'The wallet signs each order: its address and its private key.' };
  if (HAS_PASSPHRASE.has(venue)) {
    return { apiKey: 'API key', secret: 'API secret', passphrase: `${label} API passphrase`, explanation: `${label} API keys carry a passphrase of their own, chosen when the key was made on ${label} (not the vault's passphrase).` };
  }
  return { apiKey: 'API key', secret: 'API secret', passphrase: null, explanation: null };
}

/** What the venue's key is made of, for its entry in the venue list; a monitoring-only venue says it takes no key. */
export function keyVenueOption(venue: VenueId): { text: string; disabled: boolean } {
  const label = VENUES[venue].label;
  if (MONITORING_ONLY_VENUES.has(venue)) return { text: `${label} — monitored only, not tradable in this build`, disabled: true };
  const words = keyFieldWords(venue);
  const parts = [words.apiKey, words.secret, ...(words.passphrase ? ['passphrase'] : [])].map((w) => w.replace(/^API \(agent\) /, 'agent ').replace(/^API /, ''));
  return { text: `${label} — ${parts.join(', ').toLowerCase()}`, disabled: false };
}

/** The label names the key among the venue's keys (`vault.setKey`: 1 to 64 characters). */
export function keyLabelError(label: string): string | undefined {
  const length = label.trim().length;
  return length >= 1 && length <= 64 ? undefined : 'Label: 1 to 64 characters, e.g. main or desk';
}

export type KeyFieldErrors = Partial<Record<keyof KeyInput | 'label', string>>;

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const EVM_PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * The shape checks main applies too (`vault.setKey`: key ≥ 8, secret ≥ 8, passphrase ≥ 4
 * characters), plus a wallet's address and key format, said beside the field before anything
 * is sent, so a typo costs no retyping of the secret.
 */
export function keyFieldErrors(venue: VenueId, input: KeyInput): KeyFieldErrors {
  const words = keyFieldWords(venue);
  const errors: KeyFieldErrors = {};
  const apiKey = input.apiKey.trim();
  const secret = input.secret.trim();
  if (WALLET_VENUES.has(venue)) {
    if (!EVM_ADDRESS.test(apiKey)) errors.apiKey = `${words.apiKey}: 0x followed by 40 hex digits`;
    if (!EVM_PRIVATE_KEY.test(secret)) errors.secret = `${words.secret}: 64 hex digits, with or without 0x`;
  } else {
    if (apiKey.length < 8) errors.apiKey = `${words.apiKey}: at least 8 characters`;
    if (secret.length < 8) errors.secret = `${words.secret}: at least 8 characters`;
  }
  if (words.passphrase && input.password.length < 4) errors.password = 'API passphrase: at least 4 characters, as set when the key was made';
  return errors;
}

/** A new vault passphrase and its confirmation: the words beside the confirm field, or null. */
export function passphraseMismatch(passphrase: string, confirmation: string): string | null {
  if (confirmation === '') return 'Type the passphrase a second time';
  return passphrase === confirmation ? null : 'The two passphrases differ';
}
