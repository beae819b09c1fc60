/**
 * Drives a backend's trading desk the way the renderer does: every request through `dispatch`,
 * every output parsed by its contract schema and kept in `seen` (searched for secrets later).
 */
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { requests, type RequestName, type RequestOutput } from '../../../shared/ipc/contract.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { TicketInput } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

export interface DeskDriver {
  call<N extends RequestName>(name: N, input?: unknown): Promise<RequestOutput<N>>;
  /** BTC quotes on every venue, fresh by the venues' clock. */
  btcQuotes(): Promise<FundingQuote[]>;
  /** Long BTC on the lower-rate venue, short on the higher, as the prefill would. */
  btcTicket(ticketId: string, overrides?: Partial<TicketInput>): Promise<TicketInput>;
  /** Unlocks the vault (created on first use) and stores each venue's key under the label `main`. */
  unlockWithKeys(keys: Partial<Record<VenueId, { apiKey: string; secret: string; password?: string }>>): Promise<void>;
}

export const TEST_PASSPHRASE = 'correct horse battery staple';

export function deskDriver(backend: () => Backend, venues: readonly VenueId[], venueNow: () => number, seen: string[]): DeskDriver {
  async function call<N extends RequestName>(name: N, input?: unknown): Promise<RequestOutput<N>> {
    const result = await dispatch(backend().handlers, name, input);
    seen.push(JSON.stringify(result));
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return requests[name].output.parse(result.value) as RequestOutput<N>;
  }
  async function btcQuotes(): Promise<FundingQuote[]> {
    for (let i = 0; i < 300; i += 1) {
      const { quotes } = await call('markets.snapshot');
      const now = venueNow();
      const btc = quotes.filter((q) => q.base === 'BTC' && q.multiplier === 1 && q.rate !== null && now - q.observedAt < 10_000);
      if (new Set(btc.map((q) => q.venue)).size === venues.length) return btc;
      await new Promise((resolve) => setTimeout(resolve, 100)); // the pollers catch up with a stepped clock
    }
    throw new Error(`no fresh BTC quote on every venue of ${venues.join(', ')}`);
  }
  async function btcTicket(ticketId: string, overrides: Partial<TicketInput> = {}): Promise<TicketInput> {
    const [low, high] = (await btcQuotes()).sort((a, b) => a.rate! / a.intervalHours - b.rate! / b.intervalHours);
    return {
      ticketId, kind: 'perp-perp', base: 'BTC',
      legs: [
        { venue: low.venue, symbol: low.symbol, side: 'buy', instrument: 'perp' },
        { venue: high.venue, symbol: high.symbol, side: 'sell', instrument: 'perp' },
      ],
      // Cross: the simulator's Bybit is a unified account in cross margin for every symbol, which an isolated ticket may not switch.
      marginMode: 'cross', quantity: 0.05, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 72,
      acknowledgements: { settlementTiming: true, negativeCarry: true }, override: 'desk test: contradicted setups are taken on purpose', ...overrides,
    };
  }
  async function unlockWithKeys(keys: Partial<Record<VenueId, { apiKey: string; secret: string; password?: string }>>): Promise<void> {
    await call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    for (const [venue, key] of Object.entries(keys)) await call('vault.setKey', { venue, label: 'main', ...key });
  }
  return { call, btcQuotes, btcTicket, unlockWithKeys };
}

/**
 * A Demo backend over `dataDir` (the simulator paused at START_TIME, polling sped up, a 5 s
 * kill-switch deadline), every stream message and log line kept in `seen`. Starting it again
 * over the same folder is a restart.
 */
export function startDemoBackend(dataDir: string, venues: readonly VenueId[], seen: string[]): Promise<Backend> {
  return createBackend({
    mode: 'demo', dataDir, venues: [...venues], pollScale: 0.05, killSwitchDeadlineMs: 5_000,
    demoSimulatorOptions: { paused: true, startTime: START_TIME, universeSize: 20, initialBalance: 100_000 },
    publish: (name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`),
    logSink: (line) => seen.push(line),
  });
}
