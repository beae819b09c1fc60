import { useState, type FormEvent } from 'react';
import { VENUE_IDS, VENUES, WALLET_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { keyFieldErrors, keyFieldWords, keyLabelError, keyVenueOption, type KeyFieldErrors, type KeyInput } from './keyFields.ts';

const BLANK: KeyInput = { apiKey: '', secret: '', password: '' };

/**
 * Adds a key to the vault. Secret fields are password inputs; they are emptied once the key is
 * stored. A field error or a refusal keeps them, so fixing a typo costs no retyping.
 */
export function KeyForm({ onSaved }: { onSaved(message: string): void }) {
  const bridge = useBridge();
  const [venue, setVenue] = useState<VenueId>('binanceusdm');
  const [label, setLabel] = useState('main');
  const [secrets, setSecrets] = useState(BLANK);
  const [fieldErrors, setFieldErrors] = useState<KeyFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const words = keyFieldWords(venue);
  const needsPassphrase = words.passphrase !== null;

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const labelError = keyLabelError(label);
    const errors = { ...keyFieldErrors(venue, secrets), ...(labelError ? { label: labelError } : {}) };
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const saved = await bridge.invoke('vault.setKey', { venue, label: label.trim(), apiKey: secrets.apiKey, secret: secrets.secret, ...(needsPassphrase ? { password: secrets.password } : {}) });
      setSecrets(BLANK);
      onSaved(`Stored ${VENUES[saved.venue].label} key "${saved.label}" …${saved.fingerprint}`);
    } catch (err) {
      setError(`Key not stored: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const edit = (field: keyof KeyInput, value: string): void => {
    setSecrets({ ...secrets, [field]: value });
    setFieldErrors({ ...fieldErrors, [field]: undefined });
  };

  return (
    <form className="key-form" onSubmit={(e) => void save(e)} aria-label="Add an API key" noValidate>
      <span className="key-field">
        <span className="field-label" aria-hidden="true">Venue</span>
        <select aria-label="Key venue" value={venue} onChange={(e) => (setVenue(e.target.value as VenueId), setFieldErrors({}))}>
          {VENUE_IDS.map((v) => {
            const option = keyVenueOption(v);
            return <option key={v} value={v} disabled={option.disabled}>{option.text}</option>;
          })}
        </select>
      </span>
      <span className="key-field">
        <span className="field-label" aria-hidden="true">Label</span>
        <input aria-label="Key label" value={label} maxLength={64} aria-invalid={fieldErrors.label ? true : undefined} aria-describedby={fieldErrors.label ? 'key-label-error' : undefined}
          onChange={(e) => (setLabel(e.target.value), setFieldErrors({ ...fieldErrors, label: undefined }))} />
        {fieldErrors.label ? <span id="key-label-error" className="error field-error">{fieldErrors.label}</span> : null}
      </span>
      <SecretField name="apiKey" label={words.apiKey} placeholder={WALLET_VENUES.has(venue) ? '0x + 40 hex digits' : words.apiKey} masked={!WALLET_VENUES.has(venue)} value={secrets.apiKey} error={fieldErrors.apiKey} onChange={edit} />
      <SecretField name="secret" label={words.secret} placeholder={WALLET_VENUES.has(venue) ? '64 hex digits' : words.secret} masked value={secrets.secret} error={fieldErrors.secret} onChange={edit} />
      {words.passphrase ? (
        <SecretField name="password" label={words.passphrase} placeholder="passphrase" masked value={secrets.password} error={fieldErrors.password} onChange={edit} />
      ) : null}
      <button type="submit" className="primary key-store" disabled={busy}>Store key</button>
      {words.explanation ? <p className="muted key-explanation">{words.explanation}</p> : null}
      {error ? <span className="error" role="alert">{error}</span> : null}
    </form>
  );
}

interface SecretFieldProps {
  name: keyof KeyInput;
  label: string;
  placeholder: string;
  masked: boolean;
  value: string;
  error: string | undefined;
  onChange(name: keyof KeyInput, value: string): void;
}

/** One credential input with its error beside it, tied by aria-describedby. */
function SecretField({ name, label, placeholder, masked, value, error, onChange }: SecretFieldProps) {
  const errorId = `key-${name}-error`;
  return (
    <span className="key-field">
      <span className="field-label" aria-hidden="true">{label}{masked ? ' (hidden)' : ''}</span>
      <input
        aria-label={label} placeholder={placeholder} type={masked ? 'password' : 'text'} autoComplete="off" value={value}
        aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(name, e.target.value)}
      />
      {error ? <span id={errorId} className="error field-error">{error}</span> : null}
    </span>
  );
}
