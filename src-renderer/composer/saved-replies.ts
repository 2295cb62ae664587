/**
 * Saved replies with variables: {name} (the author's first name), {handle} (@handle), {agent} (my
 * name) and {signoff} (my sign-off, "^MK"). Kept in the meta table; a few to start from.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type EarshotDb, type MentionRecord } from '../db/schema';
import { signoffOf, type Settings } from '../settings/settings';
import { queueTeamData, SAVED_REPLIES, type SavedReply } from '../db/team-data';
import { getMeta, putMeta } from '../db/meta';
import { pendingAdded } from '../db/pending';

export type { SavedReply };

export const VARIABLES = ['{name}', '{handle}', '{agent}', '{signoff}'] as const;

export const STARTER_REPLIES: SavedReply[] = [
  { id: 'sorry-looking', title: 'Sorry — looking into it', text: "Hi {name}, sorry about this. We're looking into it now and will come back to you here. {signoff}" },
  { id: 'dm-details', title: 'Ask for details by DM', text: 'Hi {name}, thanks for flagging. Could you send us a DM with your booking reference so we can check? {signoff}' },
  { id: 'fixed', title: 'Fixed — thanks', text: 'Thanks for your patience, {name}. This should be fixed now; tell us if you still see it. {signoff}' },
  { id: 'thanks', title: 'Thanks for the kind words', text: 'Thank you, {name}! Passing this on to the team. {signoff}' },
];

export async function loadSavedReplies(db: EarshotDb): Promise<SavedReply[]> {
  return (await getMeta(db, SAVED_REPLIES)) ?? STARTER_REPLIES;
}

/** Saves the team's set: here at once, and through the log to every seat. */
export async function storeSavedReplies(db: EarshotDb, replies: SavedReply[]): Promise<void> {
  await db.transaction('rw', [db.meta, db.pending], async () => {
    await putMeta(db, SAVED_REPLIES, replies);
    await queueTeamData(db, [{ type: 'saved-replies', replies: replies.map(({ id, title, text }) => ({ id, title, text })) }]);
  });
  pendingAdded();
}

export function useSavedReplies(): SavedReply[] {
  return useLiveQuery(() => loadSavedReplies(getDb()), []) ?? STARTER_REPLIES;
}

export interface TemplateVars {
  name: string;
  handle: string;
  agent: string;
  signoff: string;
}

export function varsFor(m: Pick<MentionRecord, 'author'>, s: Settings): TemplateVars {
  const first = m.author.name.trim().split(/\s+/)[0] ?? '';
  return {
    name: first || m.author.handle || 'there',
    handle: m.author.handle ? `@${m.author.handle}` : '',
    agent: s.name.trim() || s.initials.trim().toUpperCase() || 'the team',
    signoff: signoffOf(s),
  };
}

/** Fills {name}, {handle}, {agent}, {signoff}; unknown braces stay as they are. */
export function fillTemplate(text: string, vars: TemplateVars): string {
  return text.replace(/\{(name|handle|agent|signoff)\}/g, (_, k: keyof TemplateVars) => vars[k]).replace(/[ \t]+$/gm, '');
}
