import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RequestOutput, VaultKey } from '../../../shared/ipc/contract.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { formatUtcTime } from '../../ui/format.ts';
import { KeyForm } from './KeyForm.tsx';
import { passphraseMismatch } from './keyFields.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { TradingStyles } from '../ticket/TradingStyles.tsx';

type VaultStatus = RequestOutput<'vault.status'>;

/**
 * Unlocks (or, the first time, creates) the vault; the passphrase leaves state once sent. A new
 * passphrase is typed twice: a typo there would lock the keys away for good.
 */
function Unlock({ status, onDone }: { status: VaultStatus; onDone(s: VaultStatus): void }) {
  const bridge = useBridge();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const usesPassphrase = status.cipher === 'passphrase';
  const creating = usesPassphrase && !status.hasVault;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const differs = creating ? passphraseMismatch(passphrase, confirmation) : null;
    setMismatch(differs);
    if (differs) return;
    const sent = passphrase;
    setPassphrase('');
    setConfirmation('');
    try {
      onDone(await bridge.invoke('vault.unlock', usesPassphrase ? { passphrase: sent } : {}));
      setError(null);
    } catch (err) {
      setError(`Vault not unlocked: ${errorMessage(err)}`);
    }
  };
  const action = status.hasVault ? 'Unlock vault' : 'Create vault';
  return (
    <form className="key-form" onSubmit={(e) => void submit(e)} aria-label={action} noValidate>
      <p className="warn key-explanation" role="status" aria-label="Vault state">{vaultStateText(status)}</p>
      {usesPassphrase ? (
        <span className="key-field">
          <span className="field-label" aria-hidden="true">{status.hasVault ? 'Vault passphrase' : 'New vault passphrase'} (hidden)</span>
          <input type="password" autoComplete="off" aria-label={status.hasVault ? 'Vault passphrase' : 'New vault passphrase'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </span>
      ) : null}
      {creating ? (
        <span className="key-field">
          <span className="field-label" aria-hidden="true">Confirm vault passphrase (hidden)</span>
          <input
            type="password" autoComplete="off" aria-label="Confirm vault passphrase" value={confirmation}
            aria-invalid={mismatch ? true : undefined} aria-describedby={mismatch ? 'vault-confirm-error' : undefined}
            onChange={(e) => (setConfirmation(e.target.value), setMismatch(null))}
          />
          {mismatch ? <span id="vault-confirm-error" className="error field-error">{mismatch}</span> : null}
        </span>
      ) : null}
      <button type="submit" className="primary key-store" disabled={usesPassphrase && !passphrase}>{action}</button>
      {error ? <span className="error" role="alert">{error}</span> : null}
    </form>
  );
}

/** Where the keys are and how they are locked, in words (docs/security.md). */
function vaultStateText(status: VaultStatus): string {
  const how = status.cipher === 'passphrase'
    ? `encrypted with a key derived from your passphrase (${status.backend}; this system has no OS keyring the vault can use)`
    : `encrypted by the OS keyring (${status.backend})`;
  if (!status.locked) return `Vault unlocked: keys ${how}. They stay in the main process; this page shows a key's venue, label and last 4 characters only.`;
  if (!status.hasVault && status.cipher === 'passphrase') return 'No vault yet: choose a passphrase and type it twice. It encrypts your API keys and cannot be recovered.';
  return status.cipher === 'passphrase' ? `Vault locked: keys ${how}. Type it to unlock.` : `Vault locked: keys ${how}. Unlocking asks the keyring.`;
}

function KeyRow({ entry, onChanged }: { entry: VaultKey; onChanged(message: string): void }) {
  const bridge = useBridge();
  const [confirming, setConfirming] = useState(false);
  const ref = { venue: entry.venue, label: entry.label };
  const name = `${VENUES[entry.venue].label} ${entry.label}`;
  const act = async (what: 'test' | 'delete'): Promise<void> => {
    setConfirming(false);
    try {
      if (what === 'delete') {
        const { deleted } = await bridge.invoke('vault.deleteKey', ref);
        onChanged(deleted ? `Deleted ${name}` : `${name} was not in the vault`);
        return;
      }
      const result = await bridge.invoke('vault.testKey', ref);
      const works = `${name}: key works (${result.permissions.join(', ') || 'no permission reported'})${result.warnings.map((w) => ` — but ${w}`).join('')}`;
      onChanged(result.ok ? works : `${name}: test failed — ${result.error ?? 'no reason given'}`);
    } catch (err) {
      onChanged(`${name}: ${what} failed — ${errorMessage(err)}`);
    }
  };
  return (
    <tr>
      <td>{VENUES[entry.venue].label}</td>
      <td>{entry.label}</td>
      <td className="num">…{entry.fingerprint}</td>
      <td>{entry.permissions === null ? 'not tested' : entry.permissions.join(', ') || 'none'}</td>
      <td className="num">{formatUtcTime(entry.createdAt, Date.now()).replace(' UTC', '')}</td>
      <td>
        <button onClick={() => void act('test')} aria-label={`Test key ${name}`}>Test</button>{' '}
        <button className="danger" onClick={() => setConfirming(true)} aria-label={`Delete key ${name}`}>Delete</button>
        {confirming ? (
          <ConfirmDialog title={`Delete the ${name} key?`} confirmLabel="Delete key" danger onConfirm={() => void act('delete')} onCancel={() => setConfirming(false)}>
            <p>The key …{entry.fingerprint} leaves the vault; trading on {VENUES[entry.venue].label} needs it typed in again.</p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}

/** API keys in the vault: identified by venue, label and last 4 characters, never shown. */
export function KeysSection() {
  const bridge = useBridge();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [keys, setKeys] = useState<VaultKey[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const s = await bridge.invoke('vault.status');
      setStatus(s);
      setKeys(s.locked ? [] : await bridge.invoke('vault.list'));
    } catch (err) {
      setMessage(`Vault unavailable: ${errorMessage(err)}`);
    }
  }, [bridge]);

  useEffect(() => void refresh(), [refresh]);
  const changed = (text: string): void => {
    setMessage(text);
    void refresh();
  };

  return (
    <section className="keys" aria-label="API keys">
      <TradingStyles />
      <h2>API keys</h2>
      {!status ? <p className="muted" role="status">Reading the vault…</p> : status.locked ? (
        <Unlock status={status} onDone={() => void refresh()} />
      ) : (
        <>
          <p className="muted" role="status" aria-label="Vault state">{vaultStateText(status)}</p>
          <table className="keys-table" aria-label="Stored keys">
            <thead><tr><th scope="col">Venue</th><th scope="col">Label</th><th scope="col">Key ends</th><th scope="col">Permissions</th><th scope="col">Stored (UTC)</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {keys.length === 0 ? <tr><td colSpan={6} className="muted">No key stored: paper and demo need none.</td></tr> : keys.map((k) => <KeyRow key={`${k.venue}:${k.label}`} entry={k} onChanged={changed} />)}
            </tbody>
          </table>
          <KeyForm onSaved={changed} />
        </>
      )}
      {message ? <p role="status" aria-label="Vault message">{message}</p> : null}
    </section>
  );
}
