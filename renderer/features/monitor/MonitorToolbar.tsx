import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { useMonitorView } from '../../store/monitorViewStore.ts';

/** Search and filters. Min spread is typed in percent per 8 h, stored as a decimal. */
export function MonitorToolbar({ venues, shown, total }: { venues: readonly VenueId[]; shown: number; total: number }) {
  const filter = useMonitorView((s) => s.filter);
  const setFilter = useMonitorView((s) => s.setFilter);
  return (
    <div className="toolbar" role="search">
      <input
        id="monitor-search"
        type="search"
        placeholder="Search asset  ( / )"
        aria-label="Search assets"
        value={filter.search}
        onChange={(e) => setFilter({ search: e.target.value })}
        onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.blur(), setFilter({ search: '' }))}
      />
      <label>
        <input type="checkbox" checked={filter.triggeredOnly} onChange={(e) => setFilter({ triggeredOnly: e.target.checked })} />
        Triggered only
      </label>
      <label title="Rows whose direction the sector signal confirms (✓)">
        <input type="checkbox" checked={filter.confirmedOnly} onChange={(e) => setFilter({ confirmedOnly: e.target.checked })} />
        Confirmed only
      </label>
      <label>
        Min spread
        <input
          type="number"
          step="0.01"
          min="0"
          className="narrow"
          aria-label="Minimum spread, percent per 8 hours"
          value={filter.minSpreadPer8h ? +(filter.minSpreadPer8h * 100).toFixed(4) : ''}
          placeholder="0"
          onChange={(e) => setFilter({ minSpreadPer8h: Math.max(0, Number(e.target.value) || 0) / 100 })}
        />
        <span className="unit">% /8h</span>
      </label>
      <label>
        Venue
        <select aria-label="Only assets listed on venue" value={filter.venue ?? ''} onChange={(e) => setFilter({ venue: (e.target.value || null) as VenueId | null })}>
          <option value="">all</option>
          {venues.map((v) => (
            <option key={v} value={v}>{VENUES[v].label}</option>
          ))}
        </select>
      </label>
      <span className="muted count" aria-live="polite">
        {shown === total ? `${total} assets` : `${shown} of ${total} assets`}
      </span>
    </div>
  );
}
