import { useEffect, useRef, useState } from 'react';
import { createChart, LineSeries, LineStyle, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { isVenueId, VENUES } from '../../../shared/domain/venues.ts';
import { formatUsd } from '../../ui/format.ts';
import { fundingLines, priceLine, spreadLine, type SeriesPoint } from './buildSeries.ts';

const PALETTE = ['#4fc3f7', '#ffb74d', '#ba68c8', '#81c784', '#f06292', '#fff176', '#90a4ae', '#a1887f'];
const SPREAD_COLOR = '#ffffff';
const PRICE_COLOR = '#26a69a';

interface LegendEntry {
  label: string;
  color: string;
  last: string;
}

function asChartData(points: SeriesPoint[]) {
  return points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));
}

function lastValue(points: SeriesPoint[], format: (v: number) => string): string {
  return points.length ? format(points[points.length - 1].value) : '–';
}

const venueLabel = (venue: string) => (isVenueId(venue) ? VENUES[venue].label : venue);
/** Axis labels: enough significant digits for a 0.0068 USD token and a 0.0125 % rate alike. */
const axisNumber = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(4));
const pct = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(4)}% /8h`;

/**
 * Funding per venue and the spread (top pane, % per 8 h) over mark price (bottom pane, USD).
 * The chart is rebuilt when the data changes; history is fetched on demand, not streamed.
 */
export function FundingChart({ funding, prices }: { funding: readonly FundingPoint[]; prices: readonly PricePoint[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [legend, setLegend] = useState<LegendEntry[]>([]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart: IChartApi = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#0d1117' }, textColor: '#c9d1d9', fontSize: 11, attributionLogo: false, panes: { separatorColor: '#30363d' } },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      localization: { priceFormatter: axisNumber },
    });
    const entries: LegendEntry[] = [];
    fundingLines(funding).forEach((line, i) => {
      const color = PALETTE[i % PALETTE.length];
      const series = chart.addSeries(LineSeries, { color, lineWidth: 1, title: venueLabel(line.venue), priceFormat: { type: 'custom', formatter: pct, minMove: 0.00001 } });
      series.setData(asChartData(line.points));
      entries.push({ label: `${venueLabel(line.venue)} ${line.symbol}`, color, last: lastValue(line.points, pct) });
    });
    const spread = spreadLine(funding);
    if (spread.length > 0) {
      const series = chart.addSeries(LineSeries, { color: SPREAD_COLOR, lineWidth: 2, lineStyle: LineStyle.Dashed, title: 'spread', priceFormat: { type: 'custom', formatter: pct, minMove: 0.00001 } });
      series.setData(asChartData(spread));
      entries.push({ label: 'spread (max − min)', color: SPREAD_COLOR, last: lastValue(spread, pct) });
    }
    const price = priceLine(prices);
    if (price) {
      const series = chart.addSeries(LineSeries, { color: PRICE_COLOR, lineWidth: 1, title: 'mark', priceFormat: { type: 'custom', formatter: (v: number) => formatUsd(v), minMove: 0.000001 } }, 1);
      series.setData(asChartData(price.points));
      entries.push({ label: `mark price ${venueLabel(price.venue)}`, color: PRICE_COLOR, last: lastValue(price.points, formatUsd) });
      chart.panes()[1]?.setHeight(Math.round(container.clientHeight * 0.3));
    }
    chart.timeScale().fitContent();
    setLegend(entries);
    return () => chart.remove();
  }, [funding, prices]);

  return (
    <div className="chart-wrap">
      <ul className="legend" aria-label="Chart legend with last values">
        {legend.map((e) => (
          <li key={e.label}>
            <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
            {e.label}: <span className="num">{e.last}</span>
          </li>
        ))}
      </ul>
      <div ref={containerRef} className="chart" role="img" aria-label="Funding history per venue in percent per 8 hours, spread, and mark price" />
    </div>
  );
}
