/**
 * A typed read of one rss-parser item. rss-parser hands back whatever xml2js built: a string, an
 * object with the text in `_` and attributes in `$`, an array of those, or nothing. Every value is
 * read through the helpers here so no profile trips over a shape it did not expect.
 */
import type { RawFeed, RawItem } from './parse-feed';

export interface ItemLink {
  href: string;
  rel?: string;
  type?: string;
}

/** A body the item carries, with what the feed says it is. */
export interface ItemBody {
  value: string;
  kind: 'text' | 'html';
  /** Where it came from, for choosing: Atom content, Atom summary, RSS content:encoded, RSS description. */
  from: 'content' | 'summary' | 'encoded' | 'description';
}

export interface ItemCategory {
  term: string;
  label?: string;
}

export interface FeedItemFields {
  raw: RawItem;
  guid?: string;
  atomId?: string;
  link?: string;
  links: ItemLink[];
  title?: string;
  /** The title is HTML (Atom type="html"/"xhtml"); RSS titles are sniffed by the reader. */
  titleIsHtml: boolean;
  /** The date exactly as the feed wrote it (for the hash key), and as ISO when it could be read. */
  rawDate?: string;
  isoDate?: string;
  authorName?: string;
  authorUri?: string;
  bodies: ItemBody[];
  categories: ItemCategory[];
  comments?: string;
  language?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a value: a string, `{_: string}`, or the first of an array of those. Trimmed; '' is none. */
export function textOf(v: unknown): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  let s: unknown = first;
  if (isObj(first)) s = first._;
  if (typeof s === 'number') s = String(s);
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  return t || undefined;
}

/** An attribute of a value like `{ $: { href } }`. */
export function attrOf(v: unknown, name: string): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  if (!isObj(first) || !isObj(first.$)) return undefined;
  const a = first.$[name];
  return typeof a === 'string' && a.trim() ? a.trim() : undefined;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function links(raw: RawItem): ItemLink[] {
  const out: ItemLink[] = [];
  for (const l of asArray(raw.links)) {
    const href = attrOf(l, 'href') ?? textOf(l);
    if (href) out.push({ href, rel: attrOf(l, 'rel'), type: attrOf(l, 'type') });
  }
  return out;
}

/** Atom `type`: text (the default), html, xhtml, or a media type. */
const atomKind = (type: string | undefined): 'text' | 'html' => (type && /html/i.test(type) ? 'html' : 'text');

function bodies(raw: RawItem, format: RawFeed['format']): ItemBody[] {
  const out: ItemBody[] = [];
  if (format === 'atom') {
    asArray(raw.contents).forEach((c, i) => {
      // xhtml content is an element tree, which rss-parser serialises for the first content only.
      const value = textOf(c) ?? (i === 0 && typeof raw.content === 'string' ? raw.content.trim() : undefined);
      if (value) out.push({ value, kind: atomKind(attrOf(c, 'type')), from: 'content' });
    });
    const s = asArray(raw.summaryRaw)[0];
    const summary = textOf(s) ?? (typeof raw.summary === 'string' ? raw.summary.trim() : undefined);
    if (summary) out.push({ value: summary, kind: atomKind(attrOf(s, 'type')), from: 'summary' });
    return out;
  }
  const encoded = textOf(raw['content:encoded']);
  if (encoded) out.push({ value: encoded, kind: 'html', from: 'encoded' });
  // rss-parser puts <description> in `content`; by RSS convention it is (escaped) HTML.
  const description = textOf(raw.content);
  if (description) out.push({ value: description, kind: 'html', from: 'description' });
  return out;
}

function categories(raw: RawItem): ItemCategory[] {
  const list = raw.categoryList ?? raw.categories;
  const out: ItemCategory[] = [];
  for (const c of asArray(list)) {
    const term = attrOf(c, 'term') ?? textOf(c);
    if (term) out.push({ term, label: attrOf(c, 'label') });
  }
  return out;
}

/** RSS `<author>` is "email (Name)" by the spec; people also write just a name or just an email. */
export function authorName(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^\s*[^\s@()]+@[^\s()]+\s*\(([^)]+)\)\s*$/.exec(s);
  return (m?.[1] ?? s).trim() || undefined;
}

function author(raw: RawItem): { name?: string; uri?: string } {
  const first = asArray(raw.authors)[0];
  if (isObj(first)) {
    // Atom: <author><name/><uri/></author>
    return { name: textOf(first.name) ?? textOf(first), uri: textOf(first.uri) };
  }
  const itunes = isObj(raw.itunes) ? textOf(raw.itunes.author) : undefined;
  const name = textOf(raw.dcCreator) ?? textOf(raw.creator) ?? textOf(first) ?? itunes;
  return { name: authorName(name) };
}

/** An ISO date with a four-digit year (what Mention.createdAt accepts), or undefined. */
export function isoOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = new Date(s.trim()).getTime();
  if (Number.isNaN(t)) return undefined;
  const iso = new Date(t).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

export function viewItem(raw: RawItem, format: RawFeed['format']): FeedItemFields {
  const titleRaw = asArray(raw.titleRaw)[0];
  const rawDate = textOf(raw.pubDate) ?? textOf(raw.date) ?? textOf(raw.published) ?? textOf(raw.updated);
  const a = author(raw);
  const ls = links(raw);
  return {
    raw,
    guid: textOf(raw.guid),
    atomId: format === 'atom' ? textOf(raw.id) : undefined,
    link: textOf(raw.link) ?? ls.find((l) => !l.rel || l.rel === 'alternate')?.href ?? ls[0]?.href,
    links: ls,
    title: textOf(raw.title) ?? textOf(titleRaw),
    titleIsHtml: format === 'atom' && atomKind(attrOf(titleRaw, 'type')) === 'html',
    rawDate,
    isoDate: isoOf(textOf(raw.isoDate)) ?? isoOf(rawDate),
    authorName: a.name,
    authorUri: a.uri,
    bodies: bodies(raw, format),
    categories: categories(raw),
    comments: textOf(raw.comments),
    language: textOf(raw.language),
  };
}
