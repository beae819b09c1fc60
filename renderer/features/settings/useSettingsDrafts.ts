import { useEffect, useState } from 'react';
import type { RiskSettings } from '../../../shared/domain/ticket.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { engineDraftOf, engineSettingsOf, type EngineDraft } from './engineDraft.ts';
import { riskProblem, riskDraftOf, riskPatchOf, type RiskDraft } from './RiskSection.tsx';
import { draftsUnsaved } from './unsaved.ts';

export interface SettingsDrafts {
  engine: EngineDraft | null;
  risk: RiskDraft | null;
  setEngine(draft: EngineDraft): void;
  setRisk(draft: RiskDraft): void;
  unsaved: boolean;
  saving: boolean;
  message: { ok: boolean; text: string } | null;
  save(): Promise<void>;
}

/**
 * The engine and risk settings as typed, saved together by the one Save. "Unsaved" compares
 * the drafts with what main last returned; it is told to the navigation (leaving asks first)
 * and to the browser (closing or reloading asks first).
 */
export function useSettingsDrafts(): SettingsDrafts {
  const bridge = useBridge();
  const settings = useSession((s) => s.settings);
  const [engine, setEngine] = useState<EngineDraft | null>(settings ? engineDraftOf(settings) : null);
  const [risk, setRisk] = useState<RiskDraft | null>(null);
  const [savedRisk, setSavedRisk] = useState<RiskSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (settings && !engine) setEngine(engineDraftOf(settings));
  }, [settings, engine]);
  useEffect(() => {
    bridge.invoke('risk.get').then(
      (r) => (setSavedRisk(r), setRisk(riskDraftOf(r))),
      (err: unknown) => setMessage({ ok: false, text: `Risk settings not loaded: ${errorMessage(err)}` }),
    );
  }, [bridge]);

  const changed = draftsUnsaved({ engine, risk }, { engine: settings && engineDraftOf(settings), risk: savedRisk && riskDraftOf(savedRisk) });
  useUnsavedGuard(changed.any);

  const save = async (): Promise<void> => {
    if (!engine) return;
    const problem = risk ? riskProblem(risk) : null;
    if (problem) return setMessage({ ok: false, text: `Not saved: ${problem}` });
    setSaving(true);
    try {
      if (changed.engine || !changed.risk) {
        const saved = await bridge.invoke('settings.set', engineSettingsOf(engine));
        useSession.getState().set({ settings: saved });
        setEngine(engineDraftOf(saved));
      }
      if (risk && changed.risk) {
        const saved = await bridge.invoke('risk.set', riskPatchOf(risk));
        useSession.getState().set({ risk: saved });
        setSavedRisk(saved);
        setRisk(riskDraftOf(saved));
      }
      setMessage({ ok: true, text: 'Settings saved; the engine uses them from its next recompute, the next ticket preview applies the risk rules.' });
    } catch (err) {
      setMessage({ ok: false, text: `Not saved: ${errorMessage(err)}` });
    } finally {
      setSaving(false);
    }
  };
  return { engine, risk, setEngine, setRisk, unsaved: changed.any, saving, message, save };
}

/** Tells the navigation while changes are unsaved, and asks the browser to confirm a close or reload. */
function useUnsavedGuard(unsaved: boolean): void {
  useEffect(() => {
    useUi.getState().markSettingsUnsaved(unsaved);
    if (!unsaved) return undefined;
    const ask = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  useEffect(() => () => useUi.getState().markSettingsUnsaved(false), []);
}
