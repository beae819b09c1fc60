import { useMonitorView } from '../../store/monitorViewStore.ts';
import { hideable, type Column } from './columns.ts';

/**
 * Columns…: a box per column the trader may hide; a column the window has no room for says so
 * (it comes back when the window is wider or another column is hidden).
 */
export function ColumnChooser({ columns, dropped }: { columns: readonly Column[]; dropped: readonly string[] }) {
  const hidden = useMonitorView((s) => s.hiddenColumns);
  const toggle = useMonitorView((s) => s.toggleColumn);
  const out = hidden.length + dropped.length;
  return (
    <details className="column-chooser">
      <summary aria-label={`Columns: ${out ? `${out} not shown` : 'all shown'}`}>Columns{out ? ` (${out} not shown)` : ''}</summary>
      <div role="group" aria-label="Monitor columns" className="column-list">
        {columns.filter(hideable).map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={!hidden.includes(c.id)} onChange={() => toggle(c.id)} />
            {c.label}{c.unit ? ` (${c.unit})` : ''}
            {dropped.includes(c.id) ? <span className="muted small"> no room at this width</span> : null}
          </label>
        ))}
      </div>
    </details>
  );
}
