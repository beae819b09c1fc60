/**
 * Settlement arithmetic in UTC. Venues settle on boundaries aligned to 00:00 UTC
 * (8 h: 00/08/16; 4 h: 00/04/…; 1 h: every hour), so the next settlement is the next
 * multiple of the interval counted from midnight UTC. UTC has no DST, so neither does this.
 */
const HOUR_MS = 3_600_000;

/** The first settlement strictly after `now` for a symbol on `intervalHours`. */
export function nextSettlementAfter(now: number, intervalHours: number): number {
  const step = intervalHours * HOUR_MS;
  return Math.floor(now / step) * step + step;
}

/** True in the minutes before a settlement, when positions are opened/closed and rates jump. */
export function isWindowOpen(settlementTime: number, now: number, windowMinutes: number): boolean {
  const left = settlementTime - now;
  return left >= 0 && left <= windowMinutes * 60_000;
}

/** `hh:mm:ss` (or `Nd hh:mm:ss`) for a countdown; negative input shows 00:00:00. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}d ` : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}
