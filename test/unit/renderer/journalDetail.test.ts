import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/domain/orders.ts';
import { journalDetail, localTime } from '../../../renderer/features/journal/journalDetail.ts';

const entry = (data: unknown): JournalEntry => ({ seq: 1, time: 0, kind: 'order', pairId: 'p', venue: 'okx', symbol: 'BTC/USDT:USDT', clientOrderId: 'c', data });

describe('the journal detail column', () => {
  it('shows main\'s message when the payload has one', () => {
    expect(journalDetail(entry({ message: 'rejected: insufficient margin', code: 51008 }))).toBe('rejected: insufficient margin');
  });

  it('lists the top-level scalar fields otherwise, skipping nested objects', () => {
    expect(journalDetail(entry({ status: 'filled', filled: 0.5, nested: { a: 1 }, fee: null }))).toBe('status=filled filled=0.5 fee=null');
  });

  it('rounds floats to 6 significant digits and shows epoch-ms fields as local times', () => {
    const at = new Date(2026, 2, 1, 17, 5, 9).getTime();
    expect(journalDetail(entry({ price: 0.30000000000000004, qty: 7168.458781362007, at }))).toBe('price=0.3 qty=7168.46 at=2026-03-01 17:05:09');
    expect(localTime(at)).toBe('2026-03-01 17:05:09');
  });

  it('cuts long payloads to one row, marked with an ellipsis', () => {
    const text = journalDetail(entry({ note: 'x'.repeat(1000) }));
    expect(text.length).toBe(240);
    expect(text.endsWith('…')).toBe(true);
  });

  it('an absent payload is an empty cell; a bare value is shown as text', () => {
    expect(journalDetail(entry(null))).toBe('');
    expect(journalDetail(entry(42))).toBe('42');
  });
});
