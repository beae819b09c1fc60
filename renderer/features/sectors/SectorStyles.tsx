/**
 * Styles of the sector, pattern and sector-map screens, kept beside them. React 19 hoists a
 * `<style>` with `href` and `precedence` into the head once, however many screens render it.
 */
const CSS = `
.sectors-screen { display: flex; flex-direction: column; gap: 8px; overflow: auto; height: 100%; }
.sectors-screen table, .sector-map table { border-collapse: collapse; width: auto; }
.sectors-screen th, .sectors-screen td, .sector-map th, .sector-map td { padding: 1px 6px; text-align: right; white-space: nowrap; border-bottom: 1px solid #1b2129; }
.sectors-screen th:first-child, .sectors-screen td:first-child, .sector-map th:first-child, .sector-map td:first-child { text-align: left; }
.sectors-screen thead th { color: var(--muted); font-weight: 600; position: sticky; top: 0; background: var(--bg); }
.sectors-screen > table { align-self: flex-start; }
.sector-panels { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.rotation { font-weight: 700; } .rotation.none { color: var(--muted); font-weight: 400; }
.flag { border: 1px solid var(--warn); color: var(--warn); border-radius: 3px; padding: 0 4px; font-weight: 700; }
.heatmap td.hm { width: 12px; min-width: 12px; height: 16px; padding: 0; border: 1px solid var(--bg); font-size: 8px; text-align: center; color: #fff; }
.heatmap th.hm-time { padding: 0; font-size: 9px; writing-mode: vertical-rl; transform: rotate(180deg); height: 42px; }
.heatmap .legend { font-size: 10px; color: var(--muted); }
.bar-cell { display: flex; align-items: center; gap: 4px; justify-content: flex-end; }
.bar-track { position: relative; width: 90px; height: 8px; background: #1b2129; }
.bar-track::after { content: ''; position: absolute; left: 50%; top: -1px; bottom: -1px; border-left: 1px solid var(--line); }
.bar { position: absolute; top: 0; bottom: 0; } .bar.pos { background: var(--pos); } .bar.neg { background: var(--neg); }
.signal-overheated { color: var(--neg); font-weight: 700; } .signal-washed-out { color: var(--accent); font-weight: 700; }
.study-grid { display: grid; grid-template-columns: auto auto auto auto; gap: 0 6px; }
.verdict { padding: 4px 8px; border-left: 3px solid var(--warn); background: #2d2410; }
.verdict.beats { border-left-color: var(--pos); background: #183a23; }
.params { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; }
.params label { display: flex; flex-direction: column; gap: 2px; }
.params input { width: 90px; }
.event-list tbody tr:hover { background: #161b22; }
.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
.sector-map-scroll { max-height: 360px; overflow: auto; align-self: flex-start; }
.unknown-list { display: flex; flex-wrap: wrap; gap: 4px; }
`;

export function SectorStyles() {
  return (
    <style href="funding-terminal-sectors" precedence="default">
      {CSS}
    </style>
  );
}
