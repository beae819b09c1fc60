/**
 * The journal as a blotter (docs/screens.md, "Journal"): one group per pair, latest activity
 * first, with its legs from the opening intent, its status and net PnL as main last sent the
 * pairs, and its entries newest first; entries of no pair (trading state, alerts) form their own group.
 */
import type { JournalEntry, Pair } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

export interface BlotterGroup {
  pairId: string | null;
  /** "▲ Binance BTC/USDT:USDT / ▼ Bybit BTC/USDT:USDT" from the opening intent, long first whatever the legs' order; '' without one. */
  legs: string;
  status: Pair['status'] | null;
  net: number | null;
  firstTime: number;
  lastTime: number;
  /** Newest first. */
  entries: JournalEntry[];
}

interface IntentLeg { venue: keyof typeof VENUES; symbol: string; side: 'buy' | 'sell' }

function legsOf(entries: readonly JournalEntry[]): string {
  const intent = entries.find((e) => e.kind === 'intent');
  const legs = (intent?.data as { intent?: { legs?: IntentLeg[] } } | undefined)?.intent?.legs ?? [];
  // Every row reads long / short: a ticket may send its short first (the thinner book leads).
  const ordered = [...legs].sort((a, b) => Number(a.side === 'sell') - Number(b.side === 'sell'));
  return ordered.map((leg) => `${leg.side === 'buy' ? '▲' : '▼'} ${VENUES[leg.venue]?.label ?? leg.venue} ${leg.symbol}`).join(' / ');
}

export function blotterGroups(entries: readonly JournalEntry[], pairs: readonly Pair[]): BlotterGroup[] {
  const byPair = new Map<string | null, JournalEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const list = byPair.get(entry.pairId) ?? [];
    list.push(entry);
    byPair.set(entry.pairId, list);
  }
  const known = new Map(pairs.map((p) => [p.pairId, p]));
  return [...byPair].map(([pairId, list]) => {
    const pair = pairId === null ? undefined : known.get(pairId);
    return {
      pairId, legs: legsOf(list), status: pair?.status ?? null, net: pair?.net ?? null,
      firstTime: list[0].time, lastTime: list[list.length - 1].time, entries: list.reverse(),
    };
  }).sort((a, b) => b.entries[0].seq - a.entries[0].seq);
}
