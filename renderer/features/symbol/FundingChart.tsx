import { useEffect, useRef, useState } from 'react';
import {
  createChart, createSeriesMarkers, LineSeries, LineStyle,
  type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { formatUsd } from '../../ui/format.ts';
import { pointInForce, type SeriesPoint } from './buildSeries.ts';
import { CHART_RANGES, percentLabel, visibleWindow, type ChartRangeId } from './chartRange.ts';
import type { Plot } from './chartPlots.ts';
import { seriesChange } from './livePoints.ts';

interface Drawn {
  series: ISeriesApi<'Line'>;
  markers: ISeriesMarkersPluginApi<Time>;
  /** Exactly what the series holds, so the next change can be a single series.update. */
  shown: readonly SeriesPoint[];
  markerAt: string;
}

const asTime = (t: number) => t as UTCTimestamp;

function addSeries(chart: IChartApi, plot: Plot, paneHeight: number): Drawn {
  const priceFormat = plot.pane === 1
    ? { type: 'custom' as const, formatter: formatUsd, minMove: 0.000001 }
    : { type: 'custom' as const, formatter: percentLabel, minMove: 0.0001 };
  const series = chart.addSeries(LineSeries, {
    color: plot.color, lineWidth: plot.style === 'spread' ? 2 : 1, lineStyle: plot.style === 'spread' ? LineStyle.Dashed : LineStyle.Solid,
    title: plot.style === 'venue' ? plot.short : plot.style, priceFormat,
  }, plot.pane);
  if (plot.pane === 1) chart.panes()[1]?.setHeight(Math.round(paneHeight * 0.3));
  return { series, markers: createSeriesMarkers(series, []), shown: [], markerAt: '' };
}

/** Brings one series to its plot: one series.update for a live tick, setData for a reload. */
function syncSeries(drawn: Drawn, plot: Plot): void {
  const change = seriesChange(drawn.shown, plot.points);
  if (change.kind === 'update') drawn.series.update({ time: asTime(change.point.time), value: change.point.value });
  else if (change.kind === 'set') drawn.series.setData(plot.points.map((p) => ({ time: asTime(p.time), value: p.value })));
  drawn.shown = plot.points;
  const markerAt = plot.live ? `${plot.live.time}|${plot.live.kind}` : '';
  if (markerAt === drawn.markerAt) return;
  drawn.markerAt = markerAt;
  drawn.markers.setMarkers(plot.live ? [{ time: asTime(plot.live.time), position: 'inBar', shape: 'circle', color: plot.color, text: plot.live.kind, size: 1 }] : []);
}

interface ChartEvents {
  onCrosshair: (time: number | null) => void;
  onVisibleRange: (range: { from: number; to: number } | null) => void;
}

function useChart(container: React.RefObject<HTMLDivElement | null>, events: ChartEvents): React.RefObject<IChartApi | null> {
  const chart = useRef<IChartApi | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, {
      autoSize: true,
      layout: { background: { color: '#0d1117' }, textColor: '#c9d1d9', fontSize: 11, attributionLogo: true, panes: { separatorColor: '#30363d' } },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
    });
    created.subscribeCrosshairMove((param) => events.onCrosshair(param.time === undefined ? null : (param.time as number)));
    created.timeScale().subscribeVisibleTimeRangeChange((r) => events.onVisibleRange(r ? { from: r.from as number, to: r.to as number } : null));
    chart.current = created;
    return () => {
      chart.current = null;
      created.remove();
    };
    // The chart lives as long as the component: data changes go through series.update/setData.
  }, []);
  return chart;
}

/** Legend text of a plot at a time (crosshair), else its latest point, marked when that is the live rate. */
function legendValue(plot: Plot, time: number | null): string {
  const point = time === null ? plot.points[plot.points.length - 1] : pointInForce(plot.points, time);
  if (!point) return '–';
  const live = plot.live && point.time === plot.live.time ? ` ${plot.live.kind}` : '';
  return `${plot.format(point.value)}${live}`;
}

const utc = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The window on show, so the trader (and a screen reader) knows what a range button did. */
function VisibleSpan({ range }: { range: { from: number; to: number } | null }) {
  if (!range) return null;
  return <span className="muted" role="status" aria-label="Visible time range">{utc(range.from)} → {utc(range.to)} ({((range.to - range.from) / 86_400).toFixed(1)} d)</span>;
}

function RangeButtons({ range, onChange }: { range: ChartRangeId; onChange: (r: ChartRangeId) => void }) {
  return (
    <fieldset className="chart-range">
      <legend>Range</legend>
      {CHART_RANGES.map((r) => (
        <label key={r.id} className={r.id === range ? 'on' : ''}>
          <input type="radio" name="chart-range" value={r.id} checked={r.id === range} onChange={() => onChange(r.id)} aria-label={r.days === null ? 'All history' : `Last ${r.days} days`} />
          {r.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Funding per venue and the spread (top pane, % per 8 h) over mark price (bottom pane, USD),
 * each venue ending at its live rate. The chart is created once; stored history arrives by
 * setData, live ticks by series.update. The legend shows the values under the crosshair, else
 * the latest (live) ones; its checkboxes show and hide series.
 */
export function FundingChart({ plots, storedPoints }: { plots: readonly Plot[]; storedPoints: number }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<number | null>(null);
  const [range, setRange] = useState<ChartRangeId>('30d');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [visible, setVisible] = useState<{ from: number; to: number } | null>(null);
  const [shownLabels, setShownLabels] = useState('');
  const chart = useChart(containerRef, { onCrosshair: setAt, onVisibleRange: setVisible });
  const drawn = useRef(new Map<string, Drawn>());

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const keys = new Set(plots.map((p) => p.key));
    for (const [key, d] of drawn.current) if (!keys.has(key)) { c.removeSeries(d.series); drawn.current.delete(key); }
    for (const plot of plots) {
      let d = drawn.current.get(plot.key);
      if (!d) drawn.current.set(plot.key, (d = addSeries(c, plot, containerRef.current?.clientHeight ?? 360)));
      syncSeries(d, plot);
      d.series.applyOptions({ visible: !hidden.has(plot.key) });
    }
    // The chart's description names the series it really draws (read back from the chart).
    setShownLabels(plots.filter((p) => drawn.current.get(p.key)?.series.options().visible).map((p) => p.label).join(', '));
  }, [chart, plots, hidden]);

  // The window follows the range buttons and each reload of the stored history, not live ticks.
  const span = plots.reduce((s, p) => (p.points.length ? { first: Math.min(s.first, p.points[0].time), last: Math.max(s.last, p.points[p.points.length - 1].time) } : s), { first: Infinity, last: -Infinity });
  const hasData = span.last >= span.first;
  useEffect(() => {
    const c = chart.current;
    if (!c || !hasData) return;
    const window = visibleWindow(range, span.first, span.last);
    if (window) c.timeScale().setVisibleRange({ from: asTime(window.from), to: asTime(window.to) });
    else c.timeScale().fitContent();
  }, [chart, range, storedPoints, hasData]);

  const toggle = (key: string) => setHidden((h) => {
    const next = new Set(h);
    if (!next.delete(key)) next.add(key);
    return next;
  });

  return (
    <div className="chart-wrap">
      <div className="chart-tools">
        <RangeButtons range={range} onChange={setRange} />
        <VisibleSpan range={visible} />
        <ul className="legend" aria-label="Chart legend with last values">
          <li className="muted">{at === null ? 'latest' : utc(at)}</li>
          {plots.map((p) => (
            <li key={p.key} className={hidden.has(p.key) ? 'off' : ''} title={p.label}>
              <label>
                <input type="checkbox" checked={!hidden.has(p.key)} onChange={() => toggle(p.key)} aria-label={`Show ${p.label}`} />
                <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
                {p.short}
              </label>
              : <span className="num">{legendValue(p, at)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div ref={containerRef} className="chart" role="img" aria-label={`Funding history per venue in percent per 8 hours, each ending at its live rate, spread, and mark price in USD. Showing: ${shownLabels || 'nothing'}`} />
      {/* Lightweight Charts' licence asks for this notice and a link to TradingView. */}
      <p className="muted attribution">
        Chart: TradingView Lightweight Charts™, copyright © TradingView, Inc.{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">tradingview.com</a>
      </p>
    </div>
  );
}
