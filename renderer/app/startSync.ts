import type { FundingQuote, VenueHealth } from '../../shared/domain/quotes.ts';
import type { Alert, SignalsBatch } from '../../shared/domain/signals.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';
import { useAlerts } from '../store/alertsStore.ts';
import { useCapacity } from '../store/capacityStore.ts';
import { followDemoClock } from '../store/clockStore.ts';
import { createFrameBatcher, type FrameScheduler } from '../store/frameBatcher.ts';
import { useHealth } from '../store/healthStore.ts';
import { useQuotes } from '../store/quotesStore.ts';
import { laterReport, useSession } from '../store/sessionStore.ts';
import { useSignals } from '../store/signalsStore.ts';
import type { LinkedBridge } from '../bridge/wsBridge.ts';

/** Hidden windows get no animation frames; the timer keeps batches from piling up meanwhile. */
const HIDDEN_FLUSH_MS = 500;

const onNextFrame: FrameScheduler = (callback) => {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    callback();
  };
  const timer = setTimeout(run, HIDDEN_FLUSH_MS);
  requestAnimationFrame(run);
};

/**
 * Keeps the stores in step with the backend: the snapshot on every (re)connect, then the
 * streams, each written into its store at most once per animation frame.
 */
export function startSync(link: LinkedBridge): () => void {
  const signals = createFrameBatcher<SignalsBatch>((b) => useSignals.getState().apply(b), onNextFrame);
  const quotes = createFrameBatcher<FundingQuote[]>((b) => useQuotes.getState().upsert(b), onNextFrame);
  const health = createFrameBatcher<VenueHealth[]>((b) => useHealth.getState().apply(b.flat()), onNextFrame);
  const alerts = createFrameBatcher<Alert[]>((b) => useAlerts.getState().add(b.flat()), onNextFrame);
  const session = useSession.getState();

  const loadSnapshot = async (): Promise<void> => {
    try {
      // The trading state too: a terminal restarted while HALTED must say so before any change is pushed.
      // And the kill switch's last report: a venue left not flat stays on screen across reloads.
      // Demo's clock first of all: every age and countdown in the snapshot is on its time.
      const [info, settings, risk, snapshot, trading, killSwitch, demoClock] = await Promise.all([
        link.invoke('app.info'),
        link.invoke('settings.get'),
        link.invoke('risk.get'),
        link.invoke('markets.snapshot'),
        link.invoke('trading.state'),
        link.invoke('killSwitch.status'),
        link.invoke('demo.clock'),
      ]);
      followDemoClock(demoClock);
      // Whatever streamed in before the snapshot is older than it: apply first, then replace.
      for (const b of [signals, quotes, health]) b.flushNow();
      useQuotes.getState().replace(snapshot.quotes);
      useHealth.getState().apply(snapshot.health);
      useSignals.getState().apply([{ ...snapshot.signals, full: true }]);
      session.set({ info, settings, risk, trading, connectionError: null, killSwitch: laterReport(useSession.getState().killSwitch, killSwitch) });
    } catch (err) {
      session.set({ connectionError: `Could not load the market snapshot: ${errorMessage(err)}` });
    }
  };
  // Apart from the snapshot: the monitor works without it, and its cells say why it is missing.
  const loadCapacity = (): void => {
    link.invoke('markets.capacity').then(
      (snapshot) => useCapacity.getState().apply(snapshot),
      (err: unknown) => useCapacity.getState().failed(`capacity not loaded: ${errorMessage(err)}`),
    );
  };

  const unsubscribe = [
    // A venue switched off leaves the quotes and the status bar (the engine drops it from the rows).
    useSession.subscribe((next, previous) => {
      const off = next.settings?.venuesOff;
      if (off && off !== previous.settings?.venuesOff && off.length > 0) {
        useQuotes.getState().dropVenues(off);
        useHealth.getState().dropVenues(off);
      }
    }),
    link.on('signals', (p) => signals.push(p)),
    link.on('quotes', (p) => quotes.push(p)),
    link.on('health', (p) => health.push(p)),
    link.on('alerts', (p) => alerts.push(p)),
    link.on('capacity', (p) => useCapacity.getState().apply(p)),
    link.on('tradingState', (p) => session.set({ trading: p })),
    link.on('demoClock', followDemoClock),
    link.on('killSwitch', (p) => session.set({ killSwitch: laterReport(useSession.getState().killSwitch, p) })),
    link.onStatus((s) => {
      session.set({ connection: s.status, nextRetryAt: s.nextRetryAt, ...(s.error ? { connectionError: s.error } : {}) });
      if (s.status === 'open') {
        void loadSnapshot();
        loadCapacity();
      }
    }),
  ];
  return () => unsubscribe.forEach((u) => u());
}
