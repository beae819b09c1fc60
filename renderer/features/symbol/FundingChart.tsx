import { useEffect, useRef, useState } from 'react';
import { createChart, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { isVenueId, VENUES } from '../../../shared/domain/venues.ts';
import { formatUsd } from '../../ui/format.ts';
import { fundingLines, pointInForce, priceLine, spreadLine, type SeriesPoint } from './buildSeries.ts';

const PALETTE = ['#4fc3f7', '#ffb74d', '#ba68c8', '#81c784', '#f06292', '#fff176', '#90a4ae', '#a1887f'];
const SPREAD_COLOR = '#ffffff';
const PRICE_COLOR = '#26a69a';

interface LegendEntry {
  label: string;
  color: string;
  /** The value under the crosshair, or the latest one when the pointer is off the chart. */
  value: string;
}

interface Plotted {
  series: ISeriesApi<'Line'>;
  label: string;
  color: string;
  format: (v: number) => string;
  points: SeriesPoint[];
}

function asChartData(points: SeriesPoint[]) {
  return points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));
}

const venueLabel = (venue: string) => (isVenueId(venue) ? VENUES[venue].label : venue);
/** Axis labels: enough significant digits for a 0.0068 USD token and a 0.0125 % rate alike. */
const axisNumber = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(4));
const pct = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(4)}% /8h`;

function plotLines(chart: IChartApi, funding: readonly FundingPoint[], prices: readonly PricePoint[], paneHeight: number): Plotted[] {
  const plotted: Plotted[] = [];
  const pctFormat = { type: 'custom' as const, formatter: pct, minMove: 0.00001 };
  fundingLines(funding).forEach((line, i) => {
    const color = PALETTE[i % PALETTE.length];
    const series = chart.addSeries(LineSeries, { color, lineWidth: 1, title: venueLabel(line.venue), priceFormat: pctFormat });
    plotted.push({ series, label: `${venueLabel(line.venue)} ${line.symbol}`, color, format: pct, points: line.points });
  });
  const spread = spreadLine(funding);
  if (spread.length > 0) {
    const series = chart.addSeries(LineSeries, { color: SPREAD_COLOR, lineWidth: 2, lineStyle: LineStyle.Dashed, title: 'spread', priceFormat: pctFormat });
    plotted.push({ series, label: 'spread (max − min)', color: SPREAD_COLOR, format: pct, points: spread });
  }
  const price = priceLine(prices);
  if (price) {
    const series = chart.addSeries(LineSeries, { color: PRICE_COLOR, lineWidth: 1, title: 'mark', priceFormat: { type: 'custom', formatter: formatUsd, minMove: 0.000001 } }, 1);
    plotted.push({ series, label: `mark price ${venueLabel(price.venue)}`, color: PRICE_COLOR, format: formatUsd, points: price.points });
  }
  for (const p of plotted) p.series.setData(asChartData(p.points));
  if (price) chart.panes()[1]?.setHeight(Math.round(paneHeight * 0.3));
  return plotted;
}

function latestLegend(plotted: readonly Plotted[]): LegendEntry[] {
  return plotted.map((p) => ({ label: p.label, color: p.color, value: p.points.length ? p.format(p.points[p.points.length - 1].value) : '–' }));
}

/**
 * Funding per venue and the spread (top pane, % per 8 h) over mark price (bottom pane, USD).
 * The legend shows the values under the crosshair, else the latest ones. The chart is rebuilt
 * when the data changes; history is fetched on demand, not streamed.
 */
export function FundingChart({ funding, prices }: { funding: readonly FundingPoint[]; prices: readonly PricePoint[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [legend, setLegend] = useState<LegendEntry[]>([]);
  const [at, setAt] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart: IChartApi = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#0d1117' }, textColor: '#c9d1d9', fontSize: 11, attributionLogo: true, panes: { separatorColor: '#30363d' } },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      localization: { priceFormatter: axisNumber },
    });
    const plotted = plotLines(chart, funding, prices, container.clientHeight);
    chart.timeScale().fitContent();
    setLegend(latestLegend(plotted));
    chart.subscribeCrosshairMove((param) => {
      if (param.time === undefined) {
        setAt(null);
        setLegend(latestLegend(plotted));
        return;
      }
      setAt(new Date((param.time as number) * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
      const time = param.time as number;
      setLegend(plotted.map((p) => {
        const point = pointInForce(p.points, time);
        return { label: p.label, color: p.color, value: point ? p.format(point.value) : '–' };
      }));
    });
    return () => chart.remove();
  }, [funding, prices]);

  return (
    <div className="chart-wrap">
      <ul className="legend" aria-label="Chart legend with last values">
        <li className="muted">{at ?? 'latest'}</li>
        {legend.map((e) => (
          <li key={e.label}>
            <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
            {e.label}: <span className="num">{e.value}</span>
          </li>
        ))}
      </ul>
      <div ref={containerRef} className="chart" role="img" aria-label="Funding history per venue in percent per 8 hours, spread, and mark price" />
      {/* Lightweight Charts' licence asks for this notice and a link to TradingView. */}
      <p className="muted attribution">
        Chart: TradingView Lightweight Charts™, copyright © TradingView, Inc.{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">tradingview.com</a>
      </p>
    </div>
  );
}
