/** The API credentials the simulator accepts, per venue and key. */
import type { SimCredential, SimCredentials, VenueId } from './types.ts';

/** Demo mode's built-in account on every venue. */
export const DEMO_CREDENTIAL = { apiKey: 'demo-key', secret: 'demo-secret', password: 'demo-passphrase' } as const;

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
