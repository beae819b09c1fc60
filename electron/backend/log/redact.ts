/**
 * Secret redaction, applied by the logger to every line and by the key test to every error
 * message before it leaves the vault's reach. Two nets: field names that hold secrets (at any
 * depth, and `name=value` / `"name":"value"` / `Name: value` forms in free text), and the exact
 * values of the secrets currently known (raw, JSON-escaped and URL-encoded).
 */
export const REDACTED = '[redacted]';

/** Field names whose values are secrets: credentials, signatures and venues' auth headers. */
const SECRET_FIELD = /secret|passw(?:or)?d|passphrase|api[-_]?key|private[-_]?key|signature|token|authorization|^sign$|^x-mbx-apikey$|^ok-access-|^x-bapi-|^access-(?:key|sign|passphrase)$/i;

const VALUE = String.raw`((?:bearer\s+)?[^\s"'\\&,;}\[\])]+)`;
const QUOTE = String.raw`(?:\\?["'])?`;
/**
 * `secret=…`, `apiKey:…`, `"password":"…"` (also backslash-escaped inside JSON strings). Without
 * quotes no space may follow the separator, so prose such as "wrong passphrase: try again"
 * keeps its words.
 */
const SECRET_ASSIGNMENT = new RegExp(
  String.raw`([\w-]*(?:secret|passw(?:or)?d|passphrase|api[-_]?key|private[-_]?key|signature|token)[\w-]*(?:\\?["']\s*[:=]\s*${QUOTE}|[:=]${QUOTE}))` + VALUE,
  'gi');
/** Venues' auth headers as they appear in dumps: `X-MBX-APIKEY: …`, `OK-ACCESS-SIGN: …`. */
const SECRET_HEADER = new RegExp(
  String.raw`((?:x-mbx-apikey|ok-access-[\w-]+|x-bapi-[\w-]+|access-(?:key|sign|passphrase)|authorization)${QUOTE}\s*[:=]\s*${QUOTE})` + VALUE,
  'gi');

/** Shorter values would shred ordinary words; the contract requires longer secrets. */
export const MIN_SCRUBBED_LENGTH = 4;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret can take once serialised: as is, inside a JSON string, in a URL. */
function forms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

/** Replaces known secret values and secret-looking assignments in `text`. */
export function scrubText(text: string, secrets: Iterable<string>): string {
  const values = [...new Set([...secrets].filter((s) => s.length >= MIN_SCRUBBED_LENGTH).flatMap(forms))]
    .sort((a, b) => b.length - a.length);
  let out = text;
  if (values.length > 0) out = out.replace(new RegExp(values.map(escapeRegExp).join('|'), 'g'), REDACTED);
  const keepName = (_match: string, name: string) => `${name}${REDACTED}`;
  return out.replace(SECRET_ASSIGNMENT, keepName).replace(SECRET_HEADER, keepName);
}

/** An error as plain fields; its cause is kept (errors from ccxt wrap the useful part). */
function errorFields(error: Error, seen: WeakSet<object>): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  if (error.cause !== undefined) fields.cause = scrubFields(error.cause, seen);
  return fields;
}

/** A JSON-safe copy of `value` with every secret-named field's value replaced. */
export function scrubFields(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return errorFields(value, seen);
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, seen));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    out[name] = isSecretField(name) && item !== null && item !== undefined && item !== '' ? REDACTED : scrubFields(item, seen);
  }
  return out;
}
