import { EngineSettingsSchema, type EngineSettings } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, RiskSettingsSchema, type RiskSettings } from '../../../shared/domain/ticket.ts';
import type { Database } from './connection.ts';

const ENGINE_KEY = 'engine';
/** The risk rules of domain §4 (RiskSettings), a row of their own beside the engine's. */
const RISK_KEY = 'risk';

export interface SettingsRepo {
  /** The saved settings, with defaults for anything never saved (a fresh store gives all defaults). */
  load(): Promise<EngineSettings>;
  /** Validates and saves; resolves to what was stored. */
  save(settings: EngineSettings): Promise<EngineSettings>;
  /** The saved risk settings, defaults for anything never saved; a corrupt row throws. */
  loadRisk(): Promise<RiskSettings>;
  saveRisk(settings: RiskSettings): Promise<RiskSettings>;
}

export function createSettingsRepo(db: Database): SettingsRepo {
  return {
    load: () =>
      db.exclusive('load settings', async (connection) => {
        const reader = await connection.runAndReadAll('SELECT json FROM settings WHERE key = $1', [ENGINE_KEY]);
        const row = reader.getRowObjectsJS()[0];
        if (!row) return EngineSettingsSchema.parse({});
        // Settings decide alerts and rankings: a corrupt row is reported, not silently reset.
        const parsed = EngineSettingsSchema.safeParse(JSON.parse(String(row.json)));
        if (!parsed.success) throw new Error(`saved settings are invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
        return parsed.data;
      }),
    save: (settings) => {
      const valid = EngineSettingsSchema.parse(settings);
      return db.exclusive('save settings', async (connection) => {
        await connection.run('INSERT OR REPLACE INTO settings VALUES ($1, $2)', [ENGINE_KEY, JSON.stringify(valid)]);
        return valid;
      });
    },
    loadRisk: () =>
      db.exclusive('load risk settings', async (connection) => {
        const reader = await connection.runAndReadAll('SELECT json FROM settings WHERE key = $1', [RISK_KEY]);
        const row = reader.getRowObjectsJS()[0];
        if (!row) return { ...DEFAULT_RISK_SETTINGS };
        // Risk limits gate orders: a corrupt row is an error, never a silent reset to defaults.
        const parsed = RiskSettingsSchema.safeParse(JSON.parse(String(row.json)));
        if (!parsed.success) throw new Error(`saved risk settings are invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
        return parsed.data;
      }),
    saveRisk: (settings) => {
      const valid = RiskSettingsSchema.parse(settings);
      return db.exclusive('save risk settings', async (connection) => {
        await connection.run('INSERT OR REPLACE INTO settings VALUES ($1, $2)', [RISK_KEY, JSON.stringify(valid)]);
        return valid;
      });
    },
  };
}
