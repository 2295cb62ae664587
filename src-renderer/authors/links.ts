/**
 * Identities linked by hand: every author key with the same personId is one person (a customer on X
 * and on the App Store). Linking merges two groups; unlinking takes one identity out.
 */
import type { AuthorRecord, EarshotDb } from '../db/schema';
import { queueTeamData } from '../db/team-data';
import { pendingAdded } from '../db/pending';

/** The person id of an identity unlinked from its group: a group of one. */
const SOLO = 'solo:';

export async function linkedKeys(db: EarshotDb, authorKey: string): Promise<string[]> {
  const link = await db.authorLinks.get(authorKey);
  if (!link || link.personId.startsWith(SOLO)) return [authorKey];
  const keys = await db.authorLinks.where('personId').equals(link.personId).primaryKeys();
  return [authorKey, ...keys.filter((k) => k !== authorKey)];
}

export async function linkAuthors(db: EarshotDb, a: string, b: string): Promise<void> {
  if (a === b) return;
  await db.transaction('rw', [db.authorLinks, db.pending], async () => {
    const [la, lb] = await db.authorLinks.bulkGet([a, b]);
    const personId = la?.personId ?? lb?.personId ?? `person:${a}`;
    const moving = lb && lb.personId !== personId ? await db.authorLinks.where('personId').equals(lb.personId).primaryKeys() : [];
    const keys = new Set([a, b, ...moving]);
    await db.authorLinks.bulkPut([...keys].map((authorKey) => ({ authorKey, personId })));
    await queueTeamData(db, [...keys].map((authorKey) => ({ type: 'identity-link' as const, authorKey, personId })));
  });
  pendingAdded();
}

export async function unlinkAuthor(db: EarshotDb, key: string): Promise<void> {
  await db.transaction('rw', [db.authorLinks, db.pending], async () => {
    const link = await db.authorLinks.get(key);
    if (!link) return;
    await db.authorLinks.delete(key);
    const rest = await db.authorLinks.where('personId').equals(link.personId).primaryKeys();
    if (rest.length === 1) await db.authorLinks.delete(rest[0]!);
    // In the log an identity on its own is a group of one (links are never deleted from the log).
    const alone = [key, ...(rest.length === 1 ? rest : [])];
    await queueTeamData(db, alone.map((authorKey) => ({ type: 'identity-link' as const, authorKey, personId: `${SOLO}${authorKey}` })));
  });
  pendingAdded();
}

/** Authors whose handle is the typed one (any case, with or without "@"), or whose key it is. */
export async function findAuthors(db: EarshotDb, typed: string): Promise<AuthorRecord[]> {
  const q = typed.trim().replace(/^@/, '');
  if (!q) return [];
  const [byKey, byHandle] = await Promise.all([db.authors.get(q), db.authors.where('handle').equalsIgnoreCase(q).limit(20).toArray()]);
  const all = byKey ? [byKey, ...byHandle.filter((x) => x.key !== byKey.key)] : byHandle;
  return all.slice(0, 20);
}
