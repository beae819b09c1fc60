/**
 * The venues a backtest trades on: the project's venue simulator, in this process, its clock
 * stopped and moved by the replay, with each recorded series' mark held at the history's last
 * known close. Paper brokers reach it through ccxt exactly as in Demo, so fills walk the
 * simulator's order book around the recorded price (docs/domain.md §7). History has no order
 * books: the book's depth and spread are the simulator's model, and say so in the report.
 */
import type { Exchange } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { createExchange } from '../markets/exchanges.ts';
import { optionsFor } from '../markets/accountOptions.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { ReplaySchedule } from '../../simulator/replay.ts';
import { BENCH_UNIVERSE_SIZE, DEFAULT_UNIVERSE_SIZE } from '../../simulator/universe.ts';
import { demoCredential } from '../../simulator/credentials.ts';
import { HistoryFeed, type FeedSeries } from './historyFeed.ts';

export interface BacktestVenues {
  simulator: Simulator;
  exchanges: Map<VenueId, Exchange>;
  /** The series the simulator lists (and so a paper broker can trade). */
  tradable: FeedSeries[];
  /** `venue symbol` of the series it does not list. */
  unlisted: string[];
  readCredentials: (venue: VenueId) => { apiKey: string; secret: string; password?: string };
  close(): Promise<void>;
}

export async function openBacktestVenues(series: readonly FeedSeries[], startTime: number, seed = 7): Promise<BacktestVenues> {
  const venues = [...new Set(series.map((one) => one.venue))].sort();
  // The larger universe lists more of a whole venue's symbols, and takes twice as long to start.
  const bases = new Set(series.map((one) => one.base)).size;
  const universeSize = bases > 100 ? BENCH_UNIVERSE_SIZE : DEFAULT_UNIVERSE_SIZE;
  const simulator = await startSimulator({ port: 0, seed, paused: true, startTime, venues, universeSize });
  const exchanges = new Map<VenueId, Exchange>();
  try {
    const tradable: FeedSeries[] = [];
    const unlisted: string[] = [];
    for (const one of series) {
      const instrument = simulator.market.instruments(one.venue).find((i) => `${i.base}/${i.quote}:${i.settle}` === one.symbol);
      if (!instrument) {
        unlisted.push(`${one.venue} ${one.symbol}`);
        continue;
      }
      const recorded = one.settlements.map((s) => ({ ...s, markPrice: null }));
      const markAt = (time: number) => HistoryFeed.closeAt(one, time);
      simulator.market.useFundingSource(one.venue, instrument.id, new ReplaySchedule(recorded, (time) => markAt(time) ?? one.prices[0].close), markAt);
      tradable.push(one);
    }
    for (const venue of venues) {
      const exchange = createExchange(venue, optionsFor(venue, true), { baseUrl: simulator.url, timeoutMs: 10_000 });
      await exchange.loadMarkets();
      exchanges.set(venue, exchange);
    }
    const close = async () => {
      await Promise.all([...exchanges.values()].map((exchange) => exchange.close()));
      await simulator.close();
    };
    return { simulator, exchanges, tradable, unlisted, readCredentials: demoCredential, close };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
