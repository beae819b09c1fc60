import type { JournalEntry } from '../../../shared/domain/orders.ts';

const MAX_DETAIL = 240;

/**
 * One line of the journal's kind-specific payload for the table: a message when main gave
 * one, otherwise the payload's top-level fields, cut to fit a row (the CSV has it whole).
 */
export function journalDetail(entry: JournalEntry): string {
  const data = entry.data;
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return String(data).slice(0, MAX_DETAIL);
  const record = data as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message.slice(0, MAX_DETAIL);
  const parts = Object.entries(record)
    .filter(([, v]) => v === null || typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`);
  const text = parts.join(' ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
