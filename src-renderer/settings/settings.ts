/**
 * Who I am and how I work: kept in the meta table (key "settings") so it survives restarts and
 * lives beside the data it shapes. The role changes defaults (first screen, first view), never
 * permissions: Earshot is a one-seat desktop app for now.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type EarshotDb, type MentionRecord } from '../db/schema';
import { useUi } from '../state/ui-store';
import { useDelivery } from '../state/delivery-store';

export const ROLES = ['community-manager', 'support-agent', 'team-lead'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  'community-manager': 'Community manager — triage views first',
  'support-agent': 'Support agent — my queue and “next due” first',
  'team-lead': 'Team lead — fairness report first',
};

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

const KEY = 'settings';

export function withDefaults(raw: unknown): Settings {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings>;
  const s = { ...DEFAULT_SETTINGS, ...v };
  if (!ROLES.includes(s.role)) s.role = DEFAULT_SETTINGS.role;
  return s;
}

export async function loadSettings(db: EarshotDb): Promise<Settings> {
  return withDefaults((await db.meta.get(KEY))?.value);
}

export async function saveSettings(db: EarshotDb, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await loadSettings(db)), ...patch };
    await db.meta.put({ key: KEY, value: next });
    return next;
  });
}

/**
 * The agent id recorded on events: a team seat's `--agent` (from hello); solo, the initials,
 * lower-cased ("mk"); "me" until set.
 */
export function agentIdOf(s: Pick<Settings, 'initials'>): string {
  const team = useDelivery.getState().agentId;
  if (team) return team;
  const id = s.initials.trim().toLowerCase().replace(/\s+/g, '');
  return id || 'me';
}

export function signoffOf(s: Settings): string {
  return s.signoff.replace(/\{initials\}/g, s.initials.trim().toUpperCase() || 'ME').replace(/\{name\}/g, s.name.trim());
}

/** Reach-blind: agents see reach once they have taken the mention; team leads always do. */
export function canSeeReach(s: Settings, m: Pick<MentionRecord, 'assignee'> | undefined): boolean {
  if (!s.reachBlind || s.role === 'team-lead') return true;
  return Boolean(m && m.assignee === agentIdOf(s));
}

/** Whether the tier filter and tier columns may show at all (not per mention). */
export function reachFilterVisible(s: Settings): boolean {
  return !s.reachBlind || s.role === 'team-lead';
}

/** Live settings with defaults, and whether they have been read yet. */
export function useSettingsState(): { settings: Settings; loaded: boolean } {
  const raw = useLiveQuery(async () => ({ value: (await getDb().meta.get(KEY))?.value }), []);
  const settings = useMemo(() => withDefaults(raw?.value), [raw]);
  return { settings, loaded: raw !== undefined };
}

/** The settings as the whole UI sees them (mirrored into ui-store once read; defaults before). */
export function useSettings(): Settings {
  return useUi((s) => s.settings) ?? DEFAULT_SETTINGS;
}
