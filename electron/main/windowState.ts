import type { Bounds, WindowPrefs } from './desktopPrefs.ts';

interface Area { x: number; y: number; width: number; height: number }

/** At least this much of the title bar region must land on a display for saved bounds to be used. */
const MIN_VISIBLE_PX = 100;

function overlap(a: Area, b: Area): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The window's last bounds, when they still land on a display (a monitor unplugged since would
 * otherwise open the terminal off-screen); undefined means the default size, centred.
 */
export function restoredBounds(saved: WindowPrefs | undefined, workAreas: Area[]): { bounds?: Bounds; maximized: boolean } {
  if (!saved) return { maximized: false };
  const titleBar = { ...saved.bounds, height: Math.min(saved.bounds.height, MIN_VISIBLE_PX) };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= MIN_VISIBLE_PX && o.height > 0;
  });
  return visible ? { bounds: saved.bounds, maximized: saved.maximized } : { maximized: saved.maximized };
}

export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
}

/** Remembers the bounds when the window closes (the normal bounds, so a maximised window comes back maximised over them). */
export function rememberWindowState(win: TrackedWindow, save: (state: WindowPrefs) => void): void {
  win.on('close', () => save({ bounds: roundBounds(win.getNormalBounds()), maximized: win.isMaximized() }));
}

function roundBounds(b: Bounds): Bounds {
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}
