import { useState } from 'react';
import { DEMO_SPEEDS, type DemoSpeed } from '../../shared/domain/demoClock.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';
import { useBridge } from '../bridge/bridgeContext.ts';
import { followDemoClock, useClock } from '../store/clockStore.ts';

/**
 * Demo's clock in the Demo banner (docs/screens.md, "Demo clock"): the simulated time every
 * countdown runs on, its speed and a pause, so a trader can watch funding accrue across a
 * settlement without waiting for it. Shown in Demo only; the backend refuses it elsewhere.
 */
export function DemoClock() {
  const demo = useClock((s) => s.demo);
  const now = useClock((s) => s.now);
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  if (!demo) return null;
  const set = (patch: { speed?: DemoSpeed; paused?: boolean }): void => {
    bridge.invoke('demo.setClock', patch).then((clock) => {
      followDemoClock(clock);
      setError(null);
    }, (err: unknown) => setError(`demo clock not changed: ${errorMessage(err)}`));
  };
  const time = new Date(now).toISOString().slice(11, 19);
  return (
    <span className={`demo-clock${demo.paused ? ' paused' : ''}`} role="group" aria-label="Demo clock" title={error ?? 'The simulated venues\' clock: countdowns, quote ages and hours held run on it'}>
      <time className="num" dateTime={new Date(now).toISOString()} aria-label={`Demo time ${time} UTC${demo.paused ? ', paused' : ''}`}>{time} UTC</time>
      <select aria-label="Demo clock speed" value={demo.speed} onChange={(e) => set({ speed: Number(e.target.value) as DemoSpeed })}>
        {DEMO_SPEEDS.map((speed) => <option key={speed} value={speed}>{speed}×</option>)}
      </select>
      <button type="button" aria-label={demo.paused ? 'Resume the demo clock' : 'Pause the demo clock'} onClick={() => set({ paused: !demo.paused })}>
        {demo.paused ? '▶' : '||'}
      </button>
      {error ? <span className="error" role="alert">{error}</span> : null}
    </span>
  );
}
