/** Styles of the heatmap screen (hoisted once into the head by React, as SectorStyles). */
const CSS = `
.heatmap-screen { display: flex; flex-direction: column; gap: 6px; overflow: auto; height: 100%; }
.heatmap-screen table { border-collapse: collapse; width: auto; align-self: flex-start; }
.heatmap-screen thead th { color: var(--muted); font-weight: 600; position: sticky; top: 0; background: var(--bg); padding: 1px 4px; }
.heatmap-screen th[scope=row] { text-align: left; position: sticky; left: 0; background: var(--bg); }
.hm-asset { background: none; border: 0; color: inherit; font: inherit; padding: 0 4px; cursor: pointer; }
.hm-asset:focus-visible { outline: 1px solid var(--accent, #58a6ff); }
.hm-cell { min-width: 64px; padding: 0 4px; text-align: right; border: 1px solid var(--bg); color: #fff; font-variant-numeric: tabular-nums; }
.hm-cell.partial { opacity: 0.55; }
.hm-cell.empty { background: transparent; }
.hm-spread { min-width: 64px; padding: 0 6px; text-align: right; font-variant-numeric: tabular-nums; border-left: 1px solid #30363d; }
.hm-tick { width: 14px; min-width: 14px; height: 16px; padding: 0; border: 1px solid var(--bg); }
.hm-time { font-size: 9px; writing-mode: vertical-rl; transform: rotate(180deg); height: 64px; }
.hm-views { display: inline-flex; gap: 8px; }
.heatmap-screen .legend { font-size: 11px; color: var(--muted); margin: 0; }
`;

export function HeatmapStyles() {
  return <style href="heatmap-screen" precedence="default">{CSS}</style>;
}
