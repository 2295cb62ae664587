/**
 * Sending a reply. To X: through main (`bridge.sendReply`) with the draft's attempt id, then the
 * `replied` event with the posted reply's link. Elsewhere: "reply on site" (open the mention in the
 * browser with the draft on the clipboard) and "mark replied" (record the text and time).
 */
import type { Bridge } from '../../src-main/shared/contract';
import type { EarshotDb, MentionRecord } from '../db/schema';
import { recordReply } from '../db/actions';
import { attemptIdFor } from './drafts';
import { openExternally } from '../inbox/open-external';

/** Only X has a reply API, and only for mentions heard from X itself (not the demo's X-like ones). */
export function canReplyViaApi(m: Pick<MentionRecord, 'channel' | 'id'>): boolean {
  return m.channel === 'x' && m.id.startsWith('x:');
}

export type SendResult = { ok: true; url?: string } | { ok: false; error: string };

export async function sendViaX(args: { db: EarshotDb; bridge: Bridge; root: MentionRecord; target: MentionRecord; text: string; agent: string }): Promise<SendResult> {
  const { db, bridge, root, target, text, agent } = args;
  const attemptId = await attemptIdFor(db, root.id, text);
  let res;
  try {
    res = await bridge.sendReply({ mentionId: target.id, text, attemptId });
  } catch (e) {
    return { ok: false, error: (e as Error).message || 'The reply could not be sent.' };
  }
  await recordReply(db, root.id, { via: 'x', text, replyId: res.replyId, url: res.url, postedAt: res.postedAt, inReplyTo: target.id === root.id ? undefined : target.id }, { agent });
  return { ok: true, url: res.url };
}

/** Copies the draft and opens the mention where it was posted; the agent answers there. */
export async function replyOnSite(m: MentionRecord, text: string): Promise<string> {
  let copied = false;
  try {
    if (text.trim()) {
      await navigator.clipboard.writeText(text);
      copied = true;
    }
  } catch {
    copied = false;
  }
  const opened = await openExternally(m.url);
  if (!opened) return copied ? 'Draft copied. This mention has no link to open; paste it where it was posted.' : 'This mention has no link to open.';
  return copied ? 'Draft copied to the clipboard — paste it on the site, then “Mark replied”.' : 'Opened on the site. Copy your draft by hand (the clipboard was not available).';
}

export async function markRepliedOnSite(db: EarshotDb, root: MentionRecord, text: string, agent: string): Promise<void> {
  await recordReply(db, root.id, { via: 'site', text }, { agent });
}
