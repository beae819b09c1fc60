import type { KeyboardEvent } from 'react';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { useMonitorView } from '../../store/monitorViewStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { GRID_ID } from './MonitorGrid.tsx';

/**
 * Keys of the search box: Enter opens the first match, ↓ puts the cursor on it and moves into
 * the rows (j/k from there), Esc clears the query.
 */
function onSearchKey(e: KeyboardEvent<HTMLInputElement>, firstMatch: string | null): void {
  const view = useMonitorView.getState();
  if (e.key === 'Escape') {
    e.currentTarget.blur();
    view.setFilter({ search: '' });
    return;
  }
  if (!firstMatch || (e.key !== 'Enter' && e.key !== 'ArrowDown')) return;
  e.preventDefault();
  view.setCursor(firstMatch);
  if (e.key === 'Enter') {
    useUi.getState().openSymbol(firstMatch);
    return;
  }
  const grid = document.getElementById(GRID_ID);
  if (grid) {
    grid.scrollTop = 0;
    grid.focus();
  }
}

/** A minimum in USD typed in millions (what OI, volume and capacity are read in), stored in USD; empty or 0 is no minimum. */
function MinUsd({ label, name, value, onChange, about }: { label: string; name: string; value: number; onChange(usd: number): void; about: string }) {
  return (
    <label title={`${name} ${about}; rows below it, or without the figure, are hidden`}>
      {label}
      <input
        type="number"
        step="1"
        min="0"
        className="narrow"
        aria-label={`${name} at least, million USD`}
        value={value ? +(value / 1e6).toFixed(3) : ''}
        placeholder="0"
        onChange={(e) => onChange(Math.max(0, Number(e.target.value) || 0) * 1e6)}
      />
      <span className="unit">M USD</span>
    </label>
  );
}

/** Search and filters. Min spread is typed in percent per 8 h, stored as a decimal. */
export function MonitorToolbar({ venues, shown, total, firstMatch }: { venues: readonly VenueId[]; shown: number; total: number; firstMatch: string | null }) {
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
        onKeyDown={(e) => onSearchKey(e, firstMatch)}
      />
      <label>
        <input type="checkbox" checked={filter.triggeredOnly} onChange={(e) => setFilter({ triggeredOnly: e.target.checked })} />
        Triggered only
      </label>
      <label title="Rows whose direction the sector signal confirms (✓)">
        <input type="checkbox" checked={filter.confirmedOnly} onChange={(e) => setFilter({ confirmedOnly: e.target.checked })} />
        Confirmed only
      </label>
      <label title="Columns of the venues with an API key in the vault; rows whose best pair is on two of them">
        <input type="checkbox" checked={filter.tradableOnly} onChange={(e) => setFilter({ tradableOnly: e.target.checked })} />
        Only venues I can trade
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
      <MinUsd label="Min OI" name="Open interest" about="of the best pair's smaller leg" value={filter.minOpenInterestUsd} onChange={(usd) => setFilter({ minOpenInterestUsd: usd })} />
      <MinUsd label="Min vol" name="24 h volume" about="of the best pair's smaller leg" value={filter.minVolume24hUsd} onChange={(usd) => setFilter({ minVolume24hUsd: usd })} />
      <MinUsd label="Min cap" name="Capacity" about="at the Settings impact, from the order books of the top ranked pairs only" value={filter.minCapacityUsd} onChange={(usd) => setFilter({ minCapacityUsd: usd })} />
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
