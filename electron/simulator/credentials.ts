/** The API credentials the simulator accepts, per venue and key. */
import { WALLET_VENUES } from '../../shared/domain/venues.ts';
import type { SimCredential, SimCredentials, VenueId } from './types.ts';
import { checksumAddress, walletAddress } from './venues/hyperliquidSignature.ts';

/** Demo mode's built-in account on every venue. */
export const DEMO_CREDENTIAL = { apiKey: 'demo-key', secret: 'demo-secret', password: 'demo-passphrase' } as const;

/** Demo's built-in wallet on the wallet venues, which sign with a key and name the account by its address. */
const DEMO_WALLET_KEY = `0x${'de'.repeat(32)}`;
const DEMO_WALLET = { apiKey: checksumAddress(walletAddress(DEMO_WALLET_KEY)), secret: DEMO_WALLET_KEY };

/**
 * Demo's built-in account on `venue` as the terminal's vault would hold it: the key and secret,
 * or on a wallet venue (Hyperliquid, Aster) the wallet address and its private key
 * (docs/ccxt.md, "Private calls").
 */
export function demoCredential(venue: VenueId): { apiKey: string; secret: string; password?: string } {
  return WALLET_VENUES.has(venue) ? { ...DEMO_WALLET } : { ...DEMO_CREDENTIAL };
}

export class CredentialStore implements SimCredentials {
  private readonly byKey = new Map<string, SimCredential>();

  add(credential: SimCredential): void {
    if (!credential.apiKey || !credential.secret) throw new Error(`simulator credentials: ${credential.venue} needs an apiKey and a secret`);
    this.byKey.set(`${credential.venue}:${credential.apiKey}`, { ...credential });
  }

  remove(venue: VenueId, apiKey: string): boolean {
    return this.byKey.delete(`${venue}:${apiKey}`);
  }

  find(venue: VenueId, apiKey: string): SimCredential | undefined {
    return this.byKey.get(`${venue}:${apiKey}`);
  }
}
