/**
 * Exits defined at entry, watched while a pair is open (docs/exits.md): the basis stop, the
 * maximum-loss stop, take-profit, maximum holding, and "sector signal reversed" through a hook
 * the caller supplies. A met exit fires once per pair and condition: it is journalled (kind
 * `exit`, with the figures that met it) before anything is done, then it closes the pair
 * reduce-only through the gateway or alerts, as the trader chose on the ticket. The exits
 * already fired are the ledger's (folded from the journal), so a restart fires none again.
 */
import type { Alert } from '../../../shared/domain/signals.ts';
import type { ExitRule, Pair } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { EXIT_NAMES, exitFigures, exitsMet, exitWatch, type ExitFigures, type ExitSignal } from './exitRules.ts';
import type { Journal } from './journal.ts';
import { positionKey } from './journal.ts';
import { closeWithRetry, type CloseOutcome, type PairCloser, type RetryOptions } from './pairCloser.ts';
import { pairBase, StopProximity, type AlertAbout } from './positionAlerts.ts';

export type { ExitSignal };

/** The `exit` journal entry's data. */
export interface ExitEntryData {
  rule: ExitRule;
  action: ExitSignal['action'];
  threshold: number;
  figures: ExitFigures;
  message: string;
}

export interface ExitMonitorOptions {
  pairs: () => Promise<Pair[]>;
  closer: PairCloser;
  journal: Journal;
  quotes: () => readonly FundingQuote[];
  now: () => number;
  alert: (severity: Alert['severity'], message: string, about?: AlertAbout) => void;
  /** The sector overlay's verdict for this pair: true once its signal has reversed. */
  sectorSignalReversed?: (pair: Pair) => boolean;
  retry?: RetryOptions;
}

export interface ExitCheck {
  /** Exits that fired in this check (each fires once). */
  fired: ExitSignal[];
  /** The pairs as the check read them, with their armed exits. */
  pairs: Pair[];
}

export interface ExitMonitor {
  /** One pass over the open pairs; overlapping calls share the pass under way. */
  check(): Promise<ExitCheck>;
  /** The pairs with their armed exits and the distance of each from firing. */
  pairs(): Promise<Pair[]>;
}

/** Words for the outcome of an exit's close. */
function closeOutcomeAlert(signal: ExitSignal, outcome: CloseOutcome, pair: Pair | undefined): { severity: Alert['severity']; message: string } {
  const what = `pair ${signal.pairId}: the ${EXIT_NAMES[signal.rule]}'s close`;
  if (outcome.status === 'closed') return { severity: 'info', message: `pair ${signal.pairId}: closed flat on every venue by its ${EXIT_NAMES[signal.rule]} (${outcome.attempts} attempt${outcome.attempts > 1 ? 's' : ''})` };
  if (outcome.status === 'refused') {
    return { severity: 'critical', message: `${what} was refused (${outcome.last}). The pair is still open and will not be closed by this exit again: re-arm and close it by hand, or use the kill switch` };
  }
  const open = (pair?.legs ?? []).filter((leg) => leg.size !== 0);
  const flat = (pair?.legs ?? []).filter((leg) => leg.size === 0);
  if (open.length > 0 && flat.length > 0) {
    const held = open.map((leg) => `${leg.venue} ${leg.symbol} ${leg.size > 0 ? 'long' : 'short'} ${Math.abs(leg.size)}`).join(', ');
    return { severity: 'critical', message: `UNHEDGED: ${what} left ${held} open after ${outcome.attempts} attempts (last: ${outcome.last}); ${flat.map((leg) => leg.venue).join(', ')} is closed. Close the open leg by hand or use the kill switch` };
  }
  return { severity: 'critical', message: `${what} failed ${outcome.attempts} times (last: ${outcome.last}); the pair is still open on both venues. Close it by hand or use the kill switch` };
}

export function createExitMonitor(options: ExitMonitorOptions): ExitMonitor {
  const quoteMap = () => new Map(options.quotes().map((q) => [positionKey(q.venue, q.symbol), q]));
  /** When each exit of a pair fired, as the ledger folded it from the journal's `exit` entries. */
  const firedOf = (pairId: string) => options.journal.ledger.pair(pairId)?.firedExits ?? {};

  function annotate(pairs: Pair[], quotes: ReadonlyMap<string, FundingQuote>, now: number): Pair[] {
    return pairs.map((pair) => (pair.status === 'open' || pair.status === 'unhedged'
      ? { ...pair, exitWatch: exitWatch(pair, exitFigures(pair, quotes, now), firedOf(pair.pairId)) }
      : pair));
  }

  /** Every alert of one exit names its pair's asset, and its condition (the exit of that pair). */
  const aboutOf = (signal: ExitSignal, pairs: readonly Pair[], quotes: ReadonlyMap<string, FundingQuote>): AlertAbout => {
    const pair = pairs.find((p) => p.pairId === signal.pairId);
    return { base: pair ? pairBase(pair.legs, quotes) : null, condition: `exit:${signal.rule}:${signal.pairId}` };
  };

  async function act(signal: ExitSignal, about: AlertAbout): Promise<void> {
    if (signal.action === 'alert') {
      options.alert('warn', `${signal.message}. Alert only: the pair stays open; close it from Positions when you choose (this alert is not repeated)`, about);
      return;
    }
    options.alert('warn', `${signal.message}: closing the pair reduce-only on every venue`, about);
    const outcome = await closeWithRetry(options.closer, signal.pairId, signal.message, options.retry);
    const after = outcome.status === 'open' ? (await options.pairs()).find((p) => p.pairId === signal.pairId) : undefined;
    const { severity, message } = closeOutcomeAlert(signal, outcome, after);
    options.alert(severity, message, { ...about, condition: `${about.condition}:outcome` });
  }

  const proximity = new StopProximity();

  async function pass(): Promise<ExitCheck> {
    const [pairs, quotes, now] = [await options.pairs(), quoteMap(), options.now()];
    const due = pairs.flatMap((pair) => exitsMet(pair, quotes, now, options.sectorSignalReversed?.(pair) ?? false))
      .filter((signal) => firedOf(signal.pairId)[signal.rule] === undefined);
    for (const signal of due) {
      // Journalled before it acts: a crash mid-close must not fire the exit again on restart.
      const data: ExitEntryData = { rule: signal.rule, action: signal.action, threshold: signal.threshold, figures: signal.figures, message: signal.message };
      await options.journal.append({ time: now, kind: 'exit', pairId: signal.pairId, venue: null, symbol: null, clientOrderId: null, data });
    }
    const annotated = annotate(pairs, quotes, now);
    for (const near of proximity.alerts(annotated, quotes)) options.alert(near.severity, near.message, near.about);
    // One close per pair even when two of its stops fire together; the others only say so.
    const closing = new Set<string>();
    await Promise.all(due.map((signal) => {
      const about = aboutOf(signal, pairs, quotes);
      if (signal.action === 'close' && closing.has(signal.pairId)) {
        options.alert('warn', `${signal.message}: the pair is already being closed`, about);
        return Promise.resolve();
      }
      if (signal.action === 'close') closing.add(signal.pairId);
      return act(signal, about);
    }));
    return { fired: due, pairs: annotated };
  }

  let running: Promise<ExitCheck> | null = null;
  return {
    check() {
      running ??= pass().finally(() => { running = null; });
      return running;
    },
    async pairs() {
      return annotate(await options.pairs(), quoteMap(), options.now());
    },
  };
}
