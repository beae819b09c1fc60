import { useState, type FormEvent } from 'react';
import { VENUE_IDS, VENUES, WALLET_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';

/** Venues whose API keys come with a passphrase of their own. */
const HAS_PASSPHRASE: ReadonlySet<VenueId> = new Set(['okx', 'bitget']);

const BLANK = { apiKey: '', secret: '', password: '' };

/**
 * Adds a key to the vault. Secret fields are password inputs, and they are emptied as soon as
 * the request has left, whatever main answers: the renderer keeps no credential.
 */
export function KeyForm({ onSaved }: { onSaved(message: string): void }) {
  const bridge = useBridge();
  const [venue, setVenue] = useState<VenueId>('binanceusdm');
  const [label, setLabel] = useState('main');
  const [secrets, setSecrets] = useState(BLANK);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPassphrase = HAS_PASSPHRASE.has(venue);
  // A wallet venue signs with the wallet's private key: the fields say so, in the venue's words.
  const wallet = WALLET_VENUES.has(venue);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = { venue, label, apiKey: secrets.apiKey, secret: secrets.secret, ...(needsPassphrase ? { password: secrets.password } : {}) };
    setSecrets(BLANK);
    setBusy(true);
    setError(null);
    try {
      const saved = await bridge.invoke('vault.setKey', input);
      onSaved(`Stored ${VENUES[saved.venue].label} key "${saved.label}" …${saved.fingerprint}`);
    } catch (err) {
      setError(`Key not stored: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="key-form" onSubmit={(e) => void save(e)} aria-label="Add an API key">
      <select aria-label="Key venue" value={venue} onChange={(e) => setVenue(e.target.value as VenueId)}>
        {VENUE_IDS.map((v) => <option key={v} value={v}>{VENUES[v].label}</option>)}
      </select>
      <input aria-label="Key label" value={label} maxLength={64} onChange={(e) => setLabel(e.target.value)} />
      <input aria-label={wallet ? 'Wallet address' : 'API key'} placeholder={wallet ? 'wallet address 0x…' : 'API key'} type={wallet ? 'text' : 'password'} autoComplete="off" value={secrets.apiKey} onChange={(e) => setSecrets({ ...secrets, apiKey: e.target.value })} />
      <input aria-label={wallet ? 'Wallet private key' : 'API secret'} placeholder={wallet ? 'private key 0x…' : 'API secret'} type="password" autoComplete="off" value={secrets.secret} onChange={(e) => setSecrets({ ...secrets, secret: e.target.value })} />
      {needsPassphrase ? (
        <input aria-label={`${VENUES[venue].label} API passphrase`} type="password" autoComplete="off" value={secrets.password} onChange={(e) => setSecrets({ ...secrets, password: e.target.value })} />
      ) : null}
      <button type="submit" className="primary" disabled={busy || !secrets.apiKey || !secrets.secret || (needsPassphrase && !secrets.password)}>Store key</button>
      {error ? <span className="error" role="alert">{error}</span> : null}
    </form>
  );
}
