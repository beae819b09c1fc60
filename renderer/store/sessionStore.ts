import { create } from 'zustand';
import type { KillSwitchReport, RequestOutput, TradingState } from '../../shared/ipc/contract.ts';
import type { EngineSettings } from '../../shared/domain/settings.ts';
import type { RiskSettings } from '../../shared/domain/ticket.ts';

export type AppInfo = RequestOutput<'app.info'>;
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/** Who we are talking to and in which state: mode, trading state, settings, the link itself. */
interface SessionState {
  info: AppInfo | null;
  trading: TradingState | null;
  settings: EngineSettings | null;
  /** The risk rules, read for the exits a new ticket starts at (Settings → Risk). */
  risk: RiskSettings | null;
  connection: ConnectionStatus;
  /** Why the last connection attempt or snapshot failed, shown until the next success. */
  connectionError: string | null;
  nextRetryAt: number | null;
  /** The last kill switch's report, as its background retries progress (null before the first press). */
  killSwitch: KillSwitchReport | null;
  set(patch: Partial<Omit<SessionState, 'set'>>): void;
}

export const useSession = create<SessionState>((set) => ({
  info: null,
  trading: null,
  settings: null,
  risk: null,
  connection: 'connecting',
  connectionError: null,
  nextRetryAt: null,
  killSwitch: null,
  set: (patch) => set(patch),
}));

/**
 * The later of two kill switch reports: a later press, else the further background attempt
 * (the press's answer and the stream's first report can arrive in either order).
 */
export function laterReport(current: KillSwitchReport | null, next: KillSwitchReport | null): KillSwitchReport | null {
  if (current === null || next === null) return next ?? current;
  if (next.engagedAt !== current.engagedAt) return next.engagedAt > current.engagedAt ? next : current;
  if (next.retry.attempts !== current.retry.attempts) return next.retry.attempts > current.retry.attempts ? next : current;
  return next.retry.endedBy !== null || current.retry.endedBy === null ? next : current;
}
