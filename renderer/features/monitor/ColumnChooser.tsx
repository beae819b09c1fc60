import { useMonitorView } from '../../store/monitorViewStore.ts';
import { hideable, type Column } from './columns.ts';

/**
 * Columns…: a box per column the trader may hide; a column the window has no room for is
 * unticked and says so (it comes back when the window is wider or another column is hidden).
 * Ticking it shows it anyway: the trader's choice wins, and the columns that give way for room
 * make it (docs/screens.md, "The monitor fits the window").
 */
export function ColumnChooser({ columns, dropped }: { columns: readonly Column[]; dropped: readonly string[] }) {
  const hidden = useMonitorView((s) => s.hiddenColumns);
  const setShown = useMonitorView((s) => s.setColumnShown);
  const out = hidden.length + dropped.length;
  return (
    <details className="column-chooser">
      <summary aria-label={`Columns: ${out ? `${out} not shown` : 'all shown'}`}>Columns{out ? ` (${out} not shown)` : ''}</summary>
      <div role="group" aria-label="Monitor columns" className="column-list">
        {columns.filter(hideable).map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={!hidden.includes(c.id) && !dropped.includes(c.id)} onChange={(e) => setShown(c.id, e.target.checked)} />
            {c.label}{c.unit ? ` (${c.unit})` : ''}
            {dropped.includes(c.id) ? <span className="muted small"> no room at this width</span> : null}
          </label>
        ))}
      </div>
    </details>
  );
}
