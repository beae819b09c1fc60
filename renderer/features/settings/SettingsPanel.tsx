import { useEffect, useState, type FormEvent } from 'react';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import { feeSourceText, type VenueFees } from '../../../shared/domain/fees.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { FundingHistoryImport } from '../../ui/HistoryImports.tsx';
import { Field } from './Field.tsx';
import { fromPct, toPct } from './percent.ts';
import { ReconcileSection } from './ReconcileSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { VenuesSection } from './VenuesSection.tsx';
import { KeysSection } from '../keys/KeysSection.tsx';
import { SectorMapEditor } from '../sectorMap/SectorMapEditor.tsx';

/** Form state in the units the trader types: percent, not decimals. */
interface Draft {
  triggerPct: string;
  extremePct: string;
  divergencePct: string;
  holdingDays: string;
  windowMinutes: string;
  fees: Record<VenueId, { taker: string; maker: string }>;
}

function draftOf(s: EngineSettings): Draft {
  const fees = {} as Draft['fees'];
  for (const v of VENUE_IDS) {
    const tier = s.fees.find((f) => f.venue === v);
    fees[v] = { taker: tier?.taker === undefined ? '' : toPct(tier.taker), maker: tier?.maker === undefined ? '' : toPct(tier.maker) };
  }
  return {
    triggerPct: toPct(s.triggerSpreadPer8h),
    extremePct: toPct(s.extremeRatePer8h),
    divergencePct: toPct(s.divergencePer8h),
    holdingDays: String(s.holdingDays),
    windowMinutes: String(s.windowMinutes),
    fees,
  };
}

function settingsOf(d: Draft): Partial<EngineSettings> {
  // A venue with either fee typed is a tier; the side left blank stays the venue's default (and is
  // shown as such), so a taker fee typed alone is kept rather than dropped while "saved" is reported.
  const fees = VENUE_IDS.filter((v) => d.fees[v].taker !== '' || d.fees[v].maker !== '').map((v) => ({
    venue: v,
    taker: d.fees[v].taker === '' ? undefined : fromPct(d.fees[v].taker),
    maker: d.fees[v].maker === '' ? undefined : fromPct(d.fees[v].maker),
  }));
  return {
    triggerSpreadPer8h: fromPct(d.triggerPct),
    extremeRatePer8h: fromPct(d.extremePct),
    divergencePer8h: fromPct(d.divergencePct),
    holdingDays: Number(d.holdingDays),
    windowMinutes: Number(d.windowMinutes),
    fees,
  };
}

/** The rates the ticket and the monitor count for a venue, each with its source. */
function FeeInForce({ fees }: { fees: VenueFees | undefined }) {
  if (!fees) return null;
  const side = (name: string, fee: VenueFees['taker']) => `${name} ${toPct(fee.rate)} % ${feeSourceText(fee)}`;
  return <span className="muted fee-in-force" aria-label={`${VENUES[fees.venue].label} fees in force`}>in force: {side('taker', fees.taker)} · {side('maker', fees.maker)}</span>;
}

/** Engine and risk settings, reconcile, the CSV imports, sector map and keys. The backend validates; its words are shown. */
export function SettingsPanel() {
  const bridge = useBridge();
  const settings = useSession((s) => s.settings);
  const setSession = useSession((s) => s.set);
  const [draft, setDraft] = useState<Draft | null>(settings ? draftOf(settings) : null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [inForce, setInForce] = useState<VenueFees[] | null>(null);
  useEffect(() => {
    if (settings && !draft) setDraft(draftOf(settings));
  }, [settings, draft]);
  // The fees in force and their sources, after each save too: an account's tier outranks what is typed.
  useEffect(() => {
    bridge.invoke('fees.schedule').then(setInForce, () => setInForce(null));
  }, [bridge, settings]);

  if (!draft) return <section className="screen placeholder" role="status">Loading settings…</section>;
  const patch = (p: Partial<Draft>) => setDraft({ ...draft, ...p });

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const saved = await bridge.invoke('settings.set', settingsOf(draft));
      setSession({ settings: saved });
      setDraft(draftOf(saved));
      setMessage({ ok: true, text: 'Settings saved; the engine uses them from its next recompute.' });
    } catch (err) {
      setMessage({ ok: false, text: `Not saved: ${errorMessage(err)}` });
    }
  };

  return (
    <section className="screen settings" aria-label="Settings">
      <div className="screen-head toolbar"><h1>Settings</h1></div>
      <form onSubmit={(e) => void save(e)} className="settings-form">
        <fieldset>
          <legend>Signals</legend>
          <Field label="Trigger spread" unit="% /8h" value={draft.triggerPct} onChange={(v) => patch({ triggerPct: v })} />
          <Field label="Extreme rate" unit="% /8h" value={draft.extremePct} onChange={(v) => patch({ extremePct: v })} />
          <Field label="BTC/ETH divergence" unit="% /8h" value={draft.divergencePct} onChange={(v) => patch({ divergencePct: v })} />
          <Field label="Holding period" unit="days" value={draft.holdingDays} onChange={(v) => patch({ holdingDays: v })} />
          <Field label="Settlement window" unit="minutes" value={draft.windowMinutes} onChange={(v) => patch({ windowMinutes: v })} />
        </fieldset>
        <fieldset>
          <legend>Fee tiers (empty = venue default; an account's tier read from the venue outranks both)</legend>
          {VENUE_IDS.map((v) => (
            <div key={v} className="fee-row">
              <span className="fee-venue">{VENUES[v].label}</span>
              <Field label={`${VENUES[v].label} taker`} unit={`% (default ${toPct(VENUES[v].takerFee)})`} value={draft.fees[v].taker} onChange={(t) => patch({ fees: { ...draft.fees, [v]: { ...draft.fees[v], taker: t } } })} />
              <Field label={`${VENUES[v].label} maker`} unit={`% (default ${toPct(VENUES[v].makerFee)})`} value={draft.fees[v].maker} onChange={(m) => patch({ fees: { ...draft.fees, [v]: { ...draft.fees[v], maker: m } } })} />
              <FeeInForce fees={inForce?.find((f) => f.venue === v)} />
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">Save settings</button>
          {message ? <span role="status" className={message.ok ? 'ok' : 'error'}>{message.text}</span> : null}
        </div>
      </form>
      <VenuesSection />
      <NotificationsSection />
      <RiskSection />
      <ReconcileSection />
      <FundingHistoryImport bridge={bridge} level={2} />
      <SectorMapEditor />
      <KeysSection />
    </section>
  );
}
