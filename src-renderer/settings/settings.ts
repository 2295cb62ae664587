/**
 * Who I am and how I work: kept in the meta table (key "settings") so it survives restarts and
 * lives beside the data it shapes. The role changes defaults (first screen, first view), never
 * permissions: Earshot is a one-seat desktop app for now.
 */
import { type EarshotDb, type MentionRecord } from '../db/schema';
import { ANONYMOUS_AGENT, DEFAULT_SETTINGS, writeSettings, type Role, type Settings } from '../db/settings';
import { useUi } from '../state/ui-store';
import { useDelivery } from '../state/delivery-store';

export { ROLES, DEFAULT_SETTINGS, withDefaults, loadSettings, type Role, type Settings } from '../db/settings';

export const ROLE_LABEL: Record<Role, string> = {
  'community-manager': 'Community manager — triage views first',
  'support-agent': 'Support agent — my queue and “next due” first',
  'team-lead': 'Team lead — fairness report first',
};

/**
 * Saves and refreshes the ui-store mirror at once, so a component acting right after a save (the
 * composer's sign-off) never sees the previous settings. The live query in useSettingsSync still
 * follows changes made elsewhere.
 */
export async function saveSettings(db: EarshotDb, patch: Partial<Settings>): Promise<Settings> {
  const next = await writeSettings(db, patch);
  useUi.getState().setSettings(agentIdOf(next), next);
  return next;
}

/**
 * The agent id recorded on events: a team seat's `--agent` (from hello); solo, the initials,
 * lower-cased ("mk"); "me" until set.
 */
export function agentIdOf(s: Pick<Settings, 'initials'>, team = useDelivery.getState().agentId): string {
  if (team) return team;
  const id = s.initials.trim().toLowerCase().replace(/\s+/g, '');
  return id || ANONYMOUS_AGENT;
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

/**
 * The settings as the whole UI sees them: the ui-store mirror (filled by useSettingsSync and by
 * saveSettings), defaults before the first read. The one hook for reading settings; whether they
 * have been read yet is `useUi((s) => s.identityReady)`.
 */
export function useSettings(): Settings {
  return useUi((s) => s.settings) ?? DEFAULT_SETTINGS;
}
