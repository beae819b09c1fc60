/**
 * Number formatting for the terminal. Rates arrive as decimals (0.0001 = 0.01 %); every
 * figure leaves here with its sign so that colour is never the only cue.
 */
const DASH = '–';

/** Signed percent of a decimal rate: 0.000125 → "+0.0125%". */
export function formatPct(value: number | null, digits = 4): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const pct = value * 100;
  const text = Math.abs(pct).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${pct > 0 ? '+' : '−'}${text}%`;
}

export function formatHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return DASH;
  if (hours >= 48) return `${(hours / 24).toFixed(1)} d`;
  return `${hours.toFixed(1)} h`;
}

/** A short age for tooltips and chips: "4 s", "3 m 10 s", "2 h 5 m". */
export function formatAge(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'never';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} m`;
}

export function formatUsd(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  // Cents from one dollar up, so columns of fees and costs line up; sub-dollar funding accruals keep 4 digits.
  const digits = value === 0 || Math.abs(value) >= 1 ? 2 : 4;
  const text = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${value < 0 && Number(text.replaceAll(',', '')) !== 0 ? '−' : ''}${text} USD`;
}

/** A large USD figure in four significant characters, the unit left to the header: 48 210 000 → "48.2M". */
export function formatUsdCompact(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  const [scale, suffix] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const scaled = abs / scale;
  const text = scaled >= 100 || scale === 1 ? scaled.toFixed(0) : scaled.toFixed(scaled >= 10 ? 1 : 2);
  return `${value < 0 ? '−' : ''}${text}${suffix}`;
}

/** Sign word for a number, the second cue next to colour. */
export function signClass(value: number | null): 'pos' | 'neg' | 'zero' {
  if (value === null || value === 0 || !Number.isFinite(value)) return 'zero';
  return value > 0 ? 'pos' : 'neg';
}

/** UTC clock time of an epoch, "08:00 UTC", with the date when not today. */
export function formatUtcTime(epochMs: number, now: number): string {
  const d = new Date(epochMs);
  const time = d.toISOString().slice(11, 16);
  const sameDay = d.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return sameDay ? `${time} UTC` : `${d.toISOString().slice(5, 10)} ${time} UTC`;
}
