/**
 * Styles of the ticket, positions, journal and keys screens, kept beside them. React 19 hoists
 * a `<style>` with `href` and `precedence` into the head once, however many screens render it.
 */
const CSS = `
.screen.ticket { overflow: hidden; padding-bottom: 0; }
/* One screen: inputs | preview | checklist, each scrolling on its own; the submit bar pinned below. */
.ticket-body { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(372px, 27vw) minmax(0, 1fr) minmax(270px, 24vw); gap: 10px; }
.ticket-left, .ticket-right, .ticket-checks { min-height: 0; overflow: auto; }
.ticket-fields fieldset, .manual-items { border: 1px solid var(--line); padding: 2px 6px 4px; margin: 0 0 4px; display: flex; flex-direction: column; gap: 2px; }
.ticket-fields legend, .manual-items legend { color: var(--muted); }
.ticket-fields .field-row { display: flex; flex-direction: column; }
.ticket-fields .field { display: flex; gap: 4px; align-items: center; margin: 0; }
.ticket-fields .field-name { width: 92px; flex: none; }
.ticket-fields .field input { width: 80px; }
.ticket-fields input[aria-invalid='true'] { border-color: var(--neg); background: #2a1215; }
.field-error { color: var(--neg); font-size: 11px; margin-left: 96px; }
.leg-fields { display: flex; gap: 4px; align-items: center; }
.leg-fields .leg-name { width: 10px; flex: none; }
.leg-fields select[aria-label$='side'] { width: 76px; }
.leg-fields select[aria-label$='venue'] { width: 98px; }
.leg-fields select[aria-label$='market'] { width: 142px; }
.ticket-fields .closes { display: flex; gap: 4px; align-items: center; margin-left: 96px; font-size: 11px; }
.stale-preview { opacity: .45; filter: grayscale(1); }
.submit-bar { display: flex; gap: 12px; align-items: center; padding: 5px 8px; margin: 4px -8px 0; background: var(--panel); border-top: 1px solid var(--line); }
.submit-bar .verdict { font-weight: 700; flex: 1; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.submit-bar .bar-figures { white-space: nowrap; }
.submit-bar button.primary { font-weight: 700; padding: 3px 16px; }
.positions-table .pair-head th { white-space: normal; }
.portfolio-bar { display: flex; flex-wrap: wrap; gap: 2px 18px; padding: 3px 8px; border: 1px solid var(--line); background: var(--panel); margin: 0 0 6px; }
.portfolio-figure .num { margin-left: 4px; } .portfolio-figure .num.pos { color: var(--pos); } .portfolio-figure .num.neg { color: var(--neg); } .portfolio-figure .num.warn { color: var(--warn); }
.exit-watch { display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 11px; list-style: none; margin: 0; padding: 1px 6px; }
.exit-watch .near { color: var(--warn); } .exit-watch .fired { color: var(--neg); font-weight: 700; }
.manual-items label { display: flex; gap: 4px; align-items: center; width: 100%; }
.manual-items .override { flex-direction: column; align-items: stretch; }
.manual-items textarea { font: inherit; color: var(--text); background: #21262d; border: 1px solid var(--warn); min-height: 40px; }
.checklist h2 { margin: 0 0 4px; }
.checklist ul { list-style: none; margin: 0; padding: 0; }
.check { display: grid; grid-template-columns: 78px 1fr 40px; gap: 0 6px; padding: 1px 4px; border-bottom: 1px solid #1b2129; }
/* Two lines of detail at most; the whole sentence is in the tooltip. */
.check-detail { grid-column: 2 / 4; color: var(--muted); font-size: 10.5px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.check-pass .check-status { color: var(--pos); } .check-warn .check-status { color: var(--warn); } .check-fail .check-status { color: var(--neg); font-weight: 700; }
.legs-table, .positions-table, .journal-table, .keys-table { border-collapse: collapse; width: 100%; }
.legs-table th, .legs-table td, .positions-table th, .positions-table td, .journal-table th, .journal-table td, .keys-table th, .keys-table td { padding: 1px 6px; border-bottom: 1px solid #1b2129; white-space: nowrap; text-align: left; }
.legs-table thead th, .positions-table thead th, .journal-table thead th, .keys-table thead th { color: var(--muted); font-weight: 600; }
td.num { text-align: right; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 0 12px; margin: 6px 0; }
.legs-table th[scope='row'] { color: var(--muted); font-weight: 400; }
.legs-table thead th { white-space: normal; text-align: right; }
.legs-table thead th:first-child { text-align: left; }
.legs-table .leg-symbol { display: block; font-size: 10.5px; color: var(--muted); font-weight: 400; }
.legs-table td.num { text-align: right; }
/* A figure's note (contracts, fee source, minimum) may wrap under it: at 1280 a million-coin leg must not push the table sideways. */
.legs-table td .muted { white-space: normal; }
.figure { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px solid #1b2129; }
.figure dt { color: var(--muted); } .figure dd { margin: 0; text-align: right; }
.figure.error dd { color: var(--neg); } .figure.pos dd { color: var(--pos); } .figure.neg dd { color: var(--neg); }
.figure.align-contradicted dd { color: var(--neg); } .figure.align-confirmed dd { color: var(--pos); }
.ticket-result { border: 1px solid var(--line); padding: 6px; }
.fill-table { width: 100%; border-collapse: collapse; margin: 4px 0; } .fill-table th, .fill-table td { padding: 1px 4px; white-space: nowrap; }
.fill-table tbody th { color: var(--muted); text-align: left; font-weight: normal; } .fill-table td.pos { color: var(--pos); } .fill-table td.neg { color: var(--neg); }
.result-hedged { border-color: var(--pos); } .result-unwound, .result-failed, .result-refused { border-color: var(--warn); }
.result-unhedged { border: 2px solid var(--neg); background: #3d1214; color: #fff; }
.pair-head th, .pair-head td { background: var(--panel); border-top: 1px solid var(--line); }
.pair-unhedged .pair-head th, .pair-unhedged .pair-head td { background: #3d1214; }
.unhedged-flag { color: #fff; background: var(--neg); padding: 0 6px; border-radius: 3px; }
.status { font-weight: 700; }
.journal-table td.detail { max-width: 640px; overflow: hidden; text-overflow: ellipsis; }
.key-form { display: flex; gap: 6px; flex-wrap: wrap; align-items: flex-start; margin-top: 6px; }
.key-field { display: inline-flex; flex-direction: column; gap: 2px; }
.key-field .field-error, .keys .field-error { margin-left: 0; max-width: 260px; white-space: normal; }
.key-explanation { flex-basis: 100%; margin: 0; }
.key-form .field-label { color: var(--muted); font-size: 11px; }
.key-form .key-store { align-self: flex-end; }
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
