/** Drafts survive restarts: one per conversation, in the drafts table, with the send attempt's id. */
import type { DraftRecord, EarshotDb } from '../db/schema';

export function loadDraft(db: EarshotDb, mentionId: string): Promise<DraftRecord | undefined> {
  return db.drafts.get(mentionId);
}

/** Saves the text; an attempt id already chosen stays (a retry must reuse it). Empty text with no attempt drops the draft. */
export async function saveDraft(db: EarshotDb, mentionId: string, text: string): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const prev = await db.drafts.get(mentionId);
    if (!text.trim() && !prev?.attemptId) {
      if (prev) await db.drafts.delete(mentionId);
      return;
    }
    await db.drafts.put({ ...prev, mentionId, text, updatedAt: new Date().toISOString() });
  });
}

/**
 * The attempt id for sending this draft: chosen once and stored before the request leaves, so a
 * retry — after an error, a timeout, a crash — reuses it and main never posts the reply twice.
 */
export async function attemptIdFor(db: EarshotDb, mentionId: string, text: string): Promise<string> {
  return db.transaction('rw', db.drafts, async () => {
    const prev = await db.drafts.get(mentionId);
    if (prev?.attemptId) {
      if (prev.text !== text) await db.drafts.put({ ...prev, text, updatedAt: new Date().toISOString() });
      return prev.attemptId;
    }
    const attemptId = `att-${crypto.randomUUID()}`;
    await db.drafts.put({ mentionId, text, attemptId, updatedAt: new Date().toISOString() });
    return attemptId;
  });
}
