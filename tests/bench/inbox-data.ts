/**
 * A year of an airline's mentions for the inbox benchmark: records as the app stores them (with the
 * derived fields from src-renderer/db/derived.ts and the search rows the app appends), written straight into the
 * page's IndexedDB, then the app is reloaded and measured. Deterministic (seeded).
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Author, Channel, Mention, Reach, ReachTier } from '../../src-main/shared/mention';
import { ROOT } from '../e2e/harness';

/** The stored shape (src-renderer/db/schema.ts MentionRecord); the renderer project is not part of this one. */
type MentionRecord = Mention & {
  status: string;
  open: 0 | 1;
  dueAt: number;
  createdMs: number;
  clockStartMs: number;
  authorKey: string;
  assignee?: string;
  tags: string[];
  firstReplyAt?: number;
  lastReplyAt?: number;
  seen?: 1;
  policyId?: string;
};
type AuthorRecord = Author & { channel: Channel; reach: Reach; firstSeenAt: string; lastSeenAt: string; mentionCount: number };

interface Derive {
  derivedFields: (m: object, words: string[]) => object;
  searchWordsOf: (m: object) => string[];
  searchRow: (entries: Array<{ id: string; words: string[]; replaces: boolean }>) => object;
}

/**
 * The app's own derived fields (words hash, facets, unread) and search rows, loaded at run time so
 * this Node project does not compile the renderer's: the bench stores exactly what the app would.
 */
async function loadDerive(): Promise<Derive> {
  const load = async (f: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(ROOT, f)).href)) as Record<string, unknown>;
  const [derived, search] = await Promise.all([load('src-renderer/db/derived.ts'), load('src-renderer/db/search-text.ts')]);
  return { derivedFields: derived.derivedFields as Derive['derivedFields'], searchWordsOf: derived.searchWordsOf as Derive['searchWordsOf'], searchRow: search.searchRow as Derive['searchRow'] };
}

/** Mentions per write of the seed, and per search row (the app writes one search row per write). */
export const SEED_CHUNK = 2000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  'My flight AA{n} was cancelled and nobody at the gate can tell us anything. Two hours in the queue now.',
  'Lost my bag on the way to Lisbon, the tracking page says delivered. It was not delivered. Refund please?',
  'The new app update logs me out every time I open the boarding pass. Fix this before my flight tomorrow!',
  'Shout out to the crew on flight {n}, best service I have had in years.',
  'Still waiting on my refund from March. Three emails, zero answers. @AcmeAir what is going on?',
  'Wifi on board did not work the whole flight, paid 12 euros for nothing',
  'Why does check-in fail with "error 500" on the website? Tried three browsers.',
  'Seat changed without notice, my family is split across the plane with a toddler.',
  'Is anyone else stuck at gate B12? The board says delayed but no new time.',
  'Great price on the summer sale, booked Porto for the whole family. Thanks!',
  'The chat bot keeps sending me in circles. I need a human to change my booking.',
  'Outage? Cannot load my trips in the app since this morning.',
  'Mi vuelo fue cancelado y nadie responde. Necesito el reembolso ya.',
  'Flug gestrichen, Hotline nicht erreichbar. Wie bekomme ich mein Geld zurück?',
  'Vol annulé, aucune information à la porte. Remboursement svp.',
  'フライトがキャンセルされました。払い戻しはどうすればいいですか？',
  '航班取消了，客服电话一直打不通，请尽快退款。',
  'Loyalty points from my last three trips never showed up on my account.',
  'The lounge in terminal 2 was closed without any sign. Not great for a gold member.',
  'Food on the long-haul was honestly good this time, credit where due.',
];
const TITLES = ['Logs me out constantly', 'Refund never arrived', 'Great crew', 'Crashes on boarding pass', 'Five stars for the new seats', 'Support is unreachable'];
const CHANNELS: Array<[Channel, number, string]> = [
  ['x', 0.55, 'acme-mentions'],
  ['appstore', 0.15, 'appstore-us'],
  ['reddit', 0.12, 'reddit-acme'],
  ['mastodon', 0.06, 'mastodon-acme'],
  ['hackernews', 0.04, 'hn-acme'],
  ['google-alerts', 0.04, 'alerts-acme'],
  ['feed', 0.04, 'travel-blogs'],
];
const TAGS = ['outage', 'refund', 'baggage', 'app-bug', 'praise', 'delay', 'loyalty'];
const AGENTS = ['mk', 'lo', 'pa', 'jd'];
const FIRST = ['Dana', 'Leo', 'Priya', 'Sam', 'Ana', 'Jonas', 'Mei', 'Omar', 'Ruth', 'Kenji', 'Lucía', 'Tom'];
const LAST = ['Whitfield', 'Silva', 'Nakamura', 'Okafor', 'Berg', 'Costa', 'Li', 'Haddad', 'Moreau', 'Novak'];

function tierOf(followers: number): ReachTier {
  return followers < 1_000 ? 'everyday' : followers < 10_000 ? 'micro' : followers < 100_000 ? 'mid' : followers < 1_000_000 ? 'macro' : 'mega';
}

export interface Seed {
  mentions: MentionRecord[];
  authors: AuthorRecord[];
  /** Search rows (src-renderer/db/search-text.ts), one per SEED_CHUNK mentions in order. */
  search: object[];
  open: number;
}

/** `total` mentions from `total / 7` authors over the last year; `openShare` of them still open (the newest). */
export async function generate(total: number, nowMs: number, openShare = 0.6): Promise<Seed> {
  const { derivedFields, searchWordsOf, searchRow } = await loadDerive();
  const entries: Array<{ id: string; words: string[]; replaces: boolean }> = [];
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const nAuthors = Math.max(50, Math.floor(total / 7));
  const authors: AuthorRecord[] = [];
  for (let i = 0; i < nAuthors; i++) {
    const r = rnd();
    const channel = CHANNELS.find((c, k) => r < CHANNELS.slice(0, k + 1).reduce((a, x) => a + x[1], 0))?.[0] ?? 'x';
    const followers = Math.floor(Math.exp(rnd() * rnd() * Math.log(5_000_000)));
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const handle = `${name.split(' ')[0]!.toLowerCase()}${i}`;
    authors.push({
      key: `${channel}:${handle}`,
      handle,
      name,
      followers: channel === 'x' || channel === 'mastodon' ? followers : null,
      channel,
      reach: { score: Math.min(100, Math.round(Math.log10(followers + 1) * 15)), tier: tierOf(followers) },
      firstSeenAt: new Date(nowMs - 365 * 86400_000).toISOString(),
      lastSeenAt: new Date(nowMs).toISOString(),
      mentionCount: 0,
      url: channel === 'x' ? `https://x.com/${handle}` : undefined,
    });
  }
  const openCount = Math.round(total * openShare);
  const mentions: MentionRecord[] = [];
  for (let n = 0; n < total; n++) {
    const a = authors[Math.floor(Math.pow(rnd(), 1.6) * authors.length)]!;
    a.mentionCount++;
    const isOpen = n >= total - openCount;
    // Closed ones spread over the year; open ones over the last three days (a big backlog).
    const createdMs = isOpen ? nowMs - Math.floor(rnd() * 3 * 86400_000) : nowMs - 3 * 86400_000 - Math.floor(rnd() * 362 * 86400_000);
    const text = pick(TEXTS).replace('{n}', String(100 + (n % 900)));
    const channel = a.channel;
    const source = CHANNELS.find((c) => c[0] === channel)![2];
    const s = rnd();
    const status = isOpen ? (s < 0.55 ? 'new' : s < 0.85 ? 'assigned' : 'waiting') : s < 0.85 ? 'resolved' : 'noise';
    const assignee = status === 'new' ? undefined : pick(AGENTS);
    const replied = status === 'waiting' || (status === 'resolved' && rnd() < 0.9);
    const id = `bench:${n}`;
    const rec: MentionRecord = {
      id,
      sourceId: source,
      channel,
      url: channel === 'x' ? `https://x.com/${a.handle}/status/${n}` : `https://example.com/${channel}/${n}`,
      text,
      title: channel === 'appstore' || channel === 'reddit' || channel === 'hackernews' ? pick(TITLES) : undefined,
      createdAt: new Date(createdMs).toISOString(),
      receivedAt: new Date(createdMs + 20_000).toISOString(),
      author: { key: a.key, handle: a.handle, name: a.name, url: a.url, followers: a.followers, verified: rnd() < 0.02 },
      reach: a.reach,
      rating: channel === 'appstore' ? 1 + Math.floor(rnd() * 5) : undefined,
      lang: /[\u3040-\u30ff]/.test(text) ? 'ja' : /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
      conversationId: channel === 'x' ? String(n) : undefined,
      status,
      open: isOpen ? 1 : 0,
      dueAt: createdMs + 60 * 60_000,
      createdMs,
      clockStartMs: createdMs,
      authorKey: a.key,
      assignee,
      tags: rnd() < 0.35 ? [pick(TAGS)] : [],
      firstReplyAt: replied ? createdMs + Math.floor(rnd() * 5 * 3600_000) : undefined,
      lastReplyAt: replied ? createdMs + Math.floor(rnd() * 5 * 3600_000) : undefined,
      // Most of a backlog has been looked at; about one in a hundred open ones is still unread.
      seen: isOpen && rnd() < 0.01 ? undefined : 1,
      policyId: 'default',
    };
    for (const k of Object.keys(rec) as Array<keyof MentionRecord>) if (rec[k] === undefined) delete rec[k];
    const words = searchWordsOf(rec);
    entries.push({ id, words, replaces: false });
    mentions.push(Object.assign(rec, derivedFields(rec, words)));
  }
  const search: object[] = [];
  for (let i = 0; i < entries.length; i += SEED_CHUNK) search.push(searchRow(entries.slice(i, i + SEED_CHUNK)));
  return { mentions, authors, search, open: openCount };
}

/** Page-side writer, as source text (tsx's helpers do not exist in the page). */
const WRITE = `(async ({ mentions, authors, search }) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(['mentions', 'authors', 'search'], 'readwrite');
  const ms = tx.objectStore('mentions');
  for (const m of mentions) ms.put(m);
  if (search) tx.objectStore('search').add(search);
  const as = tx.objectStore('authors');
  for (const a of authors) as.put(a);
  await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
  db.close();
  return mentions.length;
})`;

/** Writes the seed into the page's database (the app must have opened it once, so the schema exists). */
export async function writeSeed(page: Page, seed: Seed, onProgress?: (done: number) => void): Promise<void> {
  const chunk = SEED_CHUNK;
  for (let i = 0; i < seed.mentions.length; i += chunk) {
    const part = { mentions: seed.mentions.slice(i, i + chunk), authors: i === 0 ? seed.authors : [], search: seed.search[i / chunk] };
    await page.evaluate(`${WRITE}(${JSON.stringify(part)})`);
    onProgress?.(Math.min(seed.mentions.length, i + chunk));
  }
}
