import type { JournalEntry } from '../../../shared/domain/orders.ts';

const MAX_DETAIL = 240;
/** Epoch milliseconds from 2001 on: a field this large and whole is a time, not a quantity. */
const EPOCH_MS_FROM = 1e12;

/** A journal time in the trader's own clock: "2026-03-01 17:05:09" (local), never epoch ms. */
export function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A payload value as a trader reads it: times local, numbers to 6 significant digits (0.30000000000000004 → 0.3). */
function shownValue(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && value >= EPOCH_MS_FROM) return localTime(value);
  return String(+value.toPrecision(6));
}

/**
 * One line of the journal's kind-specific payload for the table: a message when main gave
 * one, otherwise the payload's top-level fields, rounded and with local times, cut to fit a
 * row (the CSV has it whole).
 */
export function journalDetail(entry: JournalEntry): string {
  const data = entry.data;
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return String(data).slice(0, MAX_DETAIL);
  const record = data as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message.slice(0, MAX_DETAIL);
  const parts = Object.entries(record)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]) => `${k}=${shownValue(v)}`);
  const text = parts.join(' ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
