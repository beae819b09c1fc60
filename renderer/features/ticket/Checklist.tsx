import type { ChecklistItem } from '../../../shared/domain/ticket.ts';

const MARK: Record<ChecklistItem['status'], string> = { pass: '✓ pass', warn: '! warn', fail: '✗ fail' };

/** A manual item that fails is waiting for the trader (an acknowledgement, a stop, an override). */
function statusText(item: ChecklistItem): string {
  if (item.kind === 'manual' && item.status === 'fail') return '✎ needs you';
  return MARK[item.status];
}

/**
 * The pre-trade checklist exactly as main evaluated it: one line per item with its status
 * (a mark and a word, not only a colour) and main's detail text.
 */
export function Checklist({ items, passed }: { items: readonly ChecklistItem[]; passed: boolean }) {
  const failing = items.filter((i) => i.status === 'fail').length;
  return (
    <section className="checklist" aria-label="Pre-trade checklist">
      <h2>
        Checklist{' '}
        <span className={passed ? 'ok' : 'error'} role="status" aria-label={passed ? 'Checklist passes' : `Checklist blocks: ${failing} failing`}>
          {passed ? '✓ passes' : `✗ blocks (${failing} failing)`}
        </span>
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.id} className={`check check-${item.status}`} aria-label={`${item.label}: ${statusText(item)}`}>
            <span className="check-status">{statusText(item)}</span>
            <span className="check-label">{item.label}</span>
            <span className="check-kind muted">{item.kind}</span>
            <span className="check-detail" title={item.detail}>{item.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
