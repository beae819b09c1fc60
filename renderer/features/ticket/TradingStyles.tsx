/**
 * Styles of the ticket, positions, journal and keys screens, kept beside them. React 19 hoists
 * a `<style>` with `href` and `precedence` into the head once, however many screens render it.
 */
const CSS = `
.ticket-body { display: flex; gap: 12px; align-items: flex-start; min-height: 0; }
.ticket-left { flex: 0 0 430px; display: flex; flex-direction: column; gap: 6px; }
.ticket-right { flex: 1; min-width: 0; overflow: auto; }
.ticket-fields fieldset, .manual-items { border: 1px solid var(--line); padding: 4px 8px; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
.ticket-fields legend, .manual-items legend { color: var(--muted); }
.ticket-fields .field { display: flex; gap: 4px; align-items: center; }
.ticket-fields .field input { width: 80px; }
.leg-fields input { width: 150px; }
.ticket-fields .closes { display: flex; gap: 4px; align-items: center; width: 100%; }
.exit-watch { display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 11px; list-style: none; margin: 0; padding: 1px 6px; }
.exit-watch .near { color: var(--warn); } .exit-watch .fired { color: var(--neg); font-weight: 700; }
.manual-items label { display: flex; gap: 4px; align-items: center; width: 100%; }
.manual-items .override { flex-direction: column; align-items: stretch; }
.manual-items textarea { font: inherit; color: var(--text); background: #21262d; border: 1px solid var(--warn); min-height: 40px; }
.checklist h2 { margin: 4px 0; }
.checklist ul { list-style: none; margin: 0; padding: 0; }
.check { display: grid; grid-template-columns: 86px 1fr 44px; gap: 0 6px; padding: 2px 4px; border-bottom: 1px solid #1b2129; }
.check-detail { grid-column: 2 / 4; color: var(--muted); font-size: 11px; }
.check-pass .check-status { color: var(--pos); } .check-warn .check-status { color: var(--warn); } .check-fail .check-status { color: var(--neg); font-weight: 700; }
.legs-table, .positions-table, .journal-table, .keys-table { border-collapse: collapse; width: 100%; }
.legs-table th, .legs-table td, .positions-table th, .positions-table td, .journal-table th, .journal-table td, .keys-table th, .keys-table td { padding: 1px 6px; border-bottom: 1px solid #1b2129; white-space: nowrap; text-align: left; }
.legs-table thead th, .positions-table thead th, .journal-table thead th, .keys-table thead th { color: var(--muted); font-weight: 600; }
td.num { text-align: right; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 2px 12px; margin: 8px 0; }
.figure { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px solid #1b2129; }
.figure dt { color: var(--muted); } .figure dd { margin: 0; text-align: right; }
.figure.error dd { color: var(--neg); } .figure.pos dd { color: var(--pos); } .figure.neg dd { color: var(--neg); }
.figure.align-contradicted dd { color: var(--neg); } .figure.align-confirmed dd { color: var(--pos); }
.ticket-result { border: 1px solid var(--line); padding: 6px; }
.result-hedged { border-color: var(--pos); } .result-unwound, .result-failed, .result-refused { border-color: var(--warn); }
.result-unhedged { border: 2px solid var(--neg); background: #3d1214; color: #fff; }
.pair-head th, .pair-head td { background: var(--panel); border-top: 1px solid var(--line); }
.pair-unhedged .pair-head th, .pair-unhedged .pair-head td { background: #3d1214; }
.unhedged-flag { color: #fff; background: var(--neg); padding: 0 6px; border-radius: 3px; }
.status { font-weight: 700; }
.journal-table td.detail { max-width: 640px; overflow: hidden; text-overflow: ellipsis; }
.key-form { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin-top: 6px; }
.trade-action { display: inline-flex; gap: 6px; align-items: center; }
button.danger { border-color: var(--neg); color: var(--neg); }
`;

export function TradingStyles() {
  return (
    <style href="funding-terminal-trading" precedence="default">
      {CSS}
    </style>
  );
}
