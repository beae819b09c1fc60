import { useEffect, useState } from 'react';
import { feeSourceText, type VenueFees } from '../../../shared/domain/fees.ts';
import { VENUE_IDS, VENUES } from '../../../shared/domain/venues.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { FundingHistoryImport } from '../../ui/HistoryImports.tsx';
import { Field } from './Field.tsx';
import { toPct } from './percent.ts';
import type { EngineDraft } from './engineDraft.ts';
import { useSettingsDrafts } from './useSettingsDrafts.ts';
import { LeaveSettingsDialog } from './LeaveSettingsDialog.tsx';
import { ReconcileSection } from './ReconcileSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { VenuesSection } from './VenuesSection.tsx';
import { KeysSection } from '../keys/KeysSection.tsx';
import { SectorMapEditor } from '../sectorMap/SectorMapEditor.tsx';

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
  const drafts = useSettingsDrafts();
  const [inForce, setInForce] = useState<VenueFees[] | null>(null);
  // The fees in force and their sources, after each save too: an account's tier outranks what is typed.
  useEffect(() => {
    bridge.invoke('fees.schedule').then(setInForce, () => setInForce(null));
  }, [bridge, settings]);

  const { engine: draft, risk, message } = drafts;
  if (!draft) return <section className="screen placeholder" role="status">Loading settings…</section>;
  const patch = (p: Partial<EngineDraft>) => drafts.setEngine({ ...draft, ...p });

  return (
    <section className="screen settings" aria-label="Settings">
      <div className="screen-head toolbar"><h1>Settings</h1></div>
      <form onSubmit={(e) => (e.preventDefault(), void drafts.save())} className="settings-form" aria-label="Settings to save">
        <fieldset>
          <legend>Signals</legend>
          <Field label="Trigger spread" unit="% /8h" value={draft.triggerPct} onChange={(v) => patch({ triggerPct: v })} />
          <Field label="Extreme rate" unit="% /8h" value={draft.extremePct} onChange={(v) => patch({ extremePct: v })} />
          <Field label="BTC/ETH divergence" unit="% /8h" value={draft.divergencePct} onChange={(v) => patch({ divergencePct: v })} />
          <Field label="Holding period" unit="days" value={draft.holdingDays} onChange={(v) => patch({ holdingDays: v })} />
          <Field label="Settlement window" unit="minutes" value={draft.windowMinutes} onChange={(v) => patch({ windowMinutes: v })} />
          <Field label="Capacity impact" unit="bps from the mid" value={draft.capacityImpactBps} onChange={(v) => patch({ capacityImpactBps: v })} />
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
        {risk ? <RiskSection draft={risk} onChange={drafts.setRisk} /> : <p role="status" className="muted">Loading risk settings…</p>}
        <div className="form-actions save-bar">
          <button type="submit" className="primary" disabled={drafts.saving}>Save settings</button>
          {drafts.unsaved ? <span className="warn" role="status" aria-label="Unsaved changes">● unsaved changes</span> : null}
          {message ? <span role="status" className={message.ok ? 'ok' : 'error'}>{message.text}</span> : null}
        </div>
      </form>
      <VenuesSection />
      <NotificationsSection />
      <ReconcileSection />
      <FundingHistoryImport bridge={bridge} level={2} />
      <SectorMapEditor />
      <KeysSection />
      <LeaveSettingsDialog />
    </section>
  );
}
