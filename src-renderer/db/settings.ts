/**
 * The saved settings record (meta key "settings"): its shape, defaults and how it is read and
 * written. The one owner of the stored value; settings/settings.ts adds what the UI derives from it
 * and keeps the ui-store mirror in step. Lives in db/ so state/ can name the type without a cycle.
 */
import type { EarshotDb } from './schema';
import { getMeta, metaKey, putMeta } from './meta';

export const ROLES = ['community-manager', 'support-agent', 'team-lead'] as const;
export type Role = (typeof ROLES)[number];

/** The agent id before anyone has set initials (and outside a team seat). Written only here. */
export const ANONYMOUS_AGENT = 'me';

export interface Settings {
  /** Shown in {agent} of saved replies. */
  name: string;
  /** Sign-off initials ("MK"); lower-cased they are the agent id written on every event. */
  initials: string;
  role: Role;
  /** Agents: hide follower counts and reach tiers until they have taken the mention. */
  reachBlind: boolean;
  /** Desktop notification when a mention that is mine, or nobody's, is about to breach. */
  notify: boolean;
  /** "About to breach" means due within this many minutes. */
  notifyLeadMinutes: number;
  /** Sign-off template; {initials} and {name} are filled in. */
  signoff: string;
}

export const DEFAULT_SETTINGS: Settings = {
  name: '',
  initials: '',
  role: 'community-manager',
  reachBlind: false,
  notify: true,
  notifyLeadMinutes: 10,
  signoff: '^{initials}',
};


export function withDefaults(raw: unknown): Settings {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings>;
  const s = { ...DEFAULT_SETTINGS, ...v };
  if (!ROLES.includes(s.role)) s.role = DEFAULT_SETTINGS.role;
  return s;
}

/** Any stored value reads with defaults filled in (a missing field, an unknown role). */
export const SETTINGS = metaKey<Settings>('settings', withDefaults);

export async function loadSettings(db: EarshotDb): Promise<Settings> {
  return (await getMeta(db, SETTINGS)) ?? withDefaults(undefined);
}

/** Merges the patch into the saved settings in one transaction; returns what was saved. */
export async function writeSettings(db: EarshotDb, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await loadSettings(db)), ...patch };
    await putMeta(db, SETTINGS, next);
    return next;
  });
}
