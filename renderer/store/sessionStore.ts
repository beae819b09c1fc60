import { create } from 'zustand';
import type { RequestOutput, TradingState } from '../../shared/ipc/contract.ts';
import type { EngineSettings } from '../../shared/domain/settings.ts';

export type AppInfo = RequestOutput<'app.info'>;
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/** Who we are talking to and in which state: mode, trading state, settings, the link itself. */
interface SessionState {
  info: AppInfo | null;
  trading: TradingState | null;
  settings: EngineSettings | null;
  connection: ConnectionStatus;
  /** Why the last connection attempt or snapshot failed, shown until the next success. */
  connectionError: string | null;
  nextRetryAt: number | null;
  set(patch: Partial<Omit<SessionState, 'set'>>): void;
}

export const useSession = create<SessionState>((set) => ({
  info: null,
  trading: null,
  settings: null,
  connection: 'connecting',
  connectionError: null,
  nextRetryAt: null,
  set: (patch) => set(patch),
}));
