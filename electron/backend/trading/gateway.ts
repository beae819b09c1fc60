/**
 * The one door for orders. Paper, Demo and Live pass the same checks in the same order, only
 * the broker behind differs: (1) the intent is validated, (2) the trading state admits it,
 * (3) the intent, its checklist snapshot and any override are committed to the journal,
 * (4) only then do orders go to the broker.
 *
 * The state rule: ACTIVE admits everything; REDUCING only reduce-only intents; HALTED refuses
 * every ticket, including closes, until re-armed by hand. The single exception is a
 * reduce-only market order sent with purpose `kill-switch` or `unwind`: closing what is held is
 * what HALTED exists for, and a reduce-only order cannot add exposure, so those pass.
 */
import {
  OrderIntentSchema, PairIntentSchema, type Order, type OrderIntent, type PairExecutionResult, type PairIntent,
} from '../../../shared/domain/orders.ts';
import { notTradableSymbolReason, type VenueId } from '../../../shared/domain/venues.ts';
import type { Broker } from './brokers/broker.ts';
import { executePair, placeOrder, type ExecutionContext } from './execution.ts';
import { JournalWriteError, type Journal } from './journal.ts';
import type { TradingStateMachine } from './tradingState.ts';

export interface GatewayOptions {
  state: TradingStateMachine;
  journal: Journal;
  brokers: (venue: VenueId) => Broker;
  now: () => number;
  /** Raised for one-legged pairs, unwinds and UNHEDGED transitions. */
  alert?: (message: string) => void;
  lookupDelaysMs?: readonly number[];
}

export interface Gateway {
  submitPair(intent: PairIntent): Promise<PairExecutionResult>;
  /** A single reduce-only market order (closing a leg, the kill switch). */
  submitOrder(intent: OrderIntent): Promise<Order>;
}

/** The gateway refused an order before anything was journalled or sent. */
export class GatewayRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

function describeIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}

export function createGateway(options: GatewayOptions): Gateway {
  // Journal times follow the gateway's clock (the simulated one in Demo), like fills and funding.
  const journal: Journal = { ...options.journal, append: (entry, opts) => options.journal.append({ time: options.now(), ...entry }, opts) };
  const ctx: ExecutionContext = {
    journal, brokers: options.brokers, now: options.now,
    alert: options.alert ?? (() => undefined), lookupDelaysMs: options.lookupDelaysMs,
  };
  return {
    async submitPair(raw) {
      const parsed = PairIntentSchema.safeParse(raw);
      if (!parsed.success) throw new GatewayRefusal(`pair intent refused: ${describeIssues(parsed.error)}`);
      const intent = parsed.data;
      const pairId = intent.pairId ?? intent.ticketId;
      const reduceOnly = intent.legs.every((leg) => leg.reduceOnly);
      const state = options.state.current;
      const untradable = reduceOnly ? null : intent.legs.map((leg) => notTradableSymbolReason(leg.venue, leg.symbol)).find((why) => why !== null);
      if (untradable) return { pairId, status: 'refused', orders: [], alerts: [], message: `ticket ${intent.ticketId} refused: ${untradable} — no order was sent` };
      if (!options.state.admits({ reduceOnly })) {
        const message = `ticket ${intent.ticketId} refused: trading is ${state.state}${state.reason ? ` (${state.reason})` : ''}${state.state === 'REDUCING' ? '; only reduce-only orders pass' : ''}`;
        return { pairId, status: 'refused', orders: [], alerts: [], message };
      }
      try {
        // An opening ticket goes only once its intent is on disk; a close goes on regardless (held in memory if need be).
        await journal.append({
          kind: 'intent', pairId, venue: null, symbol: null, clientOrderId: null,
          data: { ticketId: intent.ticketId, intent, checklist: intent.checklist, override: intent.override, tradingState: state.state },
        }, { mustWrite: !reduceOnly });
      } catch (error) {
        if (!(error instanceof JournalWriteError)) throw error;
        return { pairId, status: 'refused', orders: [], alerts: [], message: `ticket ${intent.ticketId} refused: ${error.message} — no order was sent` };
      }
      return executePair(ctx, pairId, intent);
    },

    async submitOrder(raw) {
      const parsed = OrderIntentSchema.safeParse(raw);
      if (!parsed.success) throw new GatewayRefusal(`order refused: ${describeIssues(parsed.error)}`);
      const intent = parsed.data;
      const flattening = intent.purpose === 'kill-switch' || intent.purpose === 'unwind';
      if (!flattening && !options.state.admits({ reduceOnly: true })) {
        throw new GatewayRefusal(`${intent.venue} ${intent.symbol}: close refused: trading is ${options.state.current.state}; the kill switch flattens while HALTED`);
      }
      const request = { symbol: intent.symbol, side: intent.side, type: 'market' as const, quantity: intent.quantity, reduceOnly: true, clientOrderId: intent.clientOrderId };
      const outcome = await placeOrder(ctx, intent.pairId, intent.venue, request);
      if (outcome.order === null) throw new Error(outcome.error ?? `${intent.venue} ${intent.symbol}: order ${intent.clientOrderId} failed`);
      return outcome.order;
    },
  };
}
