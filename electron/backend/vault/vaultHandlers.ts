/**
 * The contract's `vault.*` requests over a `Vault`. The composition root spreads these into
 * its handler map. Outputs carry only what `Vault.list()` exposes; a failed key test comes back
 * as `{ ok: false, error }` with a message already scrubbed of the credentials.
 */
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { VenueError } from '../markets/venueErrors.ts';
import type { Logger } from '../log/logger.ts';
import { testVenueKey } from './keyCheck.ts';
import type { Vault } from './vault.ts';

export type VaultHandlers = Pick<Handlers, 'vault.status' | 'vault.unlock' | 'vault.setKey' | 'vault.deleteKey' | 'vault.list' | 'vault.testKey'>;

export interface VaultHandlerOptions {
  /** Where a venue is reached: the simulator's URL in Demo mode and tests, undefined live. */
  baseUrlFor?: (venue: VenueId) => string | undefined;
  log?: Logger;
}

export function createVaultHandlers(vault: Vault, options: VaultHandlerOptions = {}): VaultHandlers {
  const status = async () => {
    const { locked, cipher, backend, hasVault } = await vault.status();
    return { locked, cipher, backend, hasVault };
  };
  return {
    'vault.status': status,
    'vault.unlock': async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return status();
    },
    'vault.setKey': async (input) => {
      const entry = await vault.setKey(input);
      options.log?.info('vault: key stored', { venue: entry.venue, label: entry.label, fingerprint: entry.fingerprint });
      return entry;
    },
    'vault.deleteKey': async ({ venue, label }) => {
      const deleted = await vault.deleteKey(venue, label);
      options.log?.info('vault: key deleted', { venue, label, deleted });
      return { deleted };
    },
    'vault.list': async () => vault.list(),
    'vault.testKey': async ({ venue, label }) => {
      // The one sanctioned use of credentials(): building a ccxt client for the signed test call.
      const credentials = vault.credentials(venue, label);
      try {
        const { permissions, warnings } = await testVenueKey(venue, credentials, options.baseUrlFor?.(venue));
        await vault.recordPermissions(venue, label, permissions);
        options.log?.info('vault: key test passed', { venue, label, permissions, warnings });
        return { ok: true, permissions, warnings, error: null };
      } catch (error) {
        if (!(error instanceof VenueError)) throw error;
        // A refused key has no usable permission; a venue outage says nothing about the key.
        if (error.kind === 'auth') await vault.recordPermissions(venue, label, []);
        options.log?.warn('vault: key test failed', { venue, label, kind: error.kind, error });
        return { ok: false, permissions: [], warnings: [], error: error.message };
      }
    },
  };
}
