/**
 * XML text to rss-parser's output (RSS 0.9x/1.0/2.0 and Atom), with the extra elements the
 * profiles read declared as customFields, and the parser's failures turned into one readable
 * reason. rss-parser is used only for `parseString`: fetching and decoding are ours.
 *
 * Two weak spots of rss-parser 3 are covered through xml2js's `validator` hook, which sees every
 * element as it closes:
 * - an Atom `published`/`updated` that Date cannot read makes rss-parser call toISOString on an
 *   invalid date and reject the whole feed; such a date is blanked (the item then falls back to
 *   the time of fetching, see normalize.ts) instead of losing every item;
 * - an Atom `<link>` written as text (no href attribute) makes its link lookup throw; it is turned
 *   into the attribute form.
 */
import Parser from 'rss-parser';

export type RawItem = Record<string, unknown>;

export interface RawFeed {
  format: 'atom' | 'rss';
  /** rss-parser's feed-level fields (title, link, feedUrl, language, generator, id ...). */
  fields: Record<string, unknown>;
  items: RawItem[];
  /** `xml:lang` of the root element (Atom says the language this way). */
  rootLang?: string;
}

export class FeedParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FeedParseError';
  }
}

/** Extra elements, kept raw (keepArray) where the profiles need attributes or every occurrence. */
const CUSTOM_ITEM_FIELDS: (string | [string, string] | [string, string, { keepArray: boolean }])[] = [
  ['content', 'contents', { keepArray: true }], // App Store: one text and one html content
  ['title', 'titleRaw', { keepArray: true }], // Atom: title type="html" (Google Alerts)
  ['summary', 'summaryRaw', { keepArray: true }],
  ['link', 'links', { keepArray: true }],
  ['author', 'authors', { keepArray: true }], // Atom author name + uri (Reddit, App Store)
  ['category', 'categoryList', { keepArray: true }], // Atom category term/label (Reddit)
  ['im:rating', 'imRating'],
  ['im:version', 'imVersion'],
  ['im:voteSum', 'imVoteSum'],
  ['im:voteCount', 'imVoteCount'],
  ['dc:creator', 'dcCreator'],
  ['published', 'published'],
  ['updated', 'updated'],
  'comments',
];
const CUSTOM_FEED_FIELDS = ['id', 'subtitle', 'generator', 'language'];

const ATOM_DATE = /^\/feed\/entry\/(published|updated)$/;
const ATOM_LINK = /^\/feed(\/entry)?\/link$/;

function validator(xpath: string, _current: unknown, value: unknown): unknown {
  if (typeof value === 'string' && ATOM_DATE.test(xpath) && Number.isNaN(new Date(value.trim()).getTime())) return '';
  if (typeof value === 'string' && ATOM_LINK.test(xpath)) return { $: { href: value.trim() } };
  return value;
}

/** The root element's name and start tag, past the prolog (declaration, comments, doctype). */
export function rootElement(xml: string): { name: string; tag: string } | undefined {
  const m = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w:.-]*)([^>]*)>/.exec(xml.slice(0, 65536));
  return m?.[1] ? { name: m[1], tag: m[0] } : undefined;
}

/** sax says "Unexpected close tag\nLine: 3\nColumn: 10\nChar: >"; the health line wants one line. */
function reasonOf(e: unknown, root: string | undefined): string {
  const raw = e instanceof Error ? e.message : String(e);
  if (/not recognized as RSS/i.test(raw)) {
    if (root && /^(html|head|body|!doctype)$/i.test(root)) return 'the address returns a web page, not a feed';
    return root ? `the document is <${root}>, not RSS or Atom` : 'it is neither RSS nor Atom';
  }
  if (/Unable to parse XML/i.test(raw)) return 'the feed is empty';
  const [first = raw, ...rest] = raw.split('\n');
  const line = /Line:\s*(\d+)/.exec(rest.join(' '));
  const col = /Column:\s*(\d+)/.exec(rest.join(' '));
  const where = line && col ? ` (line ${Number(line[1]) + 1}, column ${col[1]})` : '';
  return `${first.trim().replace(/\.$/, '')}${where}`;
}

export async function parseFeedXml(xml: string): Promise<RawFeed> {
  const root = rootElement(xml);
  if (!xml.trim()) throw new FeedParseError('the feed is empty');
  // A new parser per feed: xml2js keeps parse state on the instance.
  const parser = new Parser({
    customFields: { item: CUSTOM_ITEM_FIELDS, feed: CUSTOM_FEED_FIELDS },
    // `<rss>` without a version attribute is read as RSS 2.0 instead of being refused.
    defaultRSS: 2,
    xml2js: { validator },
  });
  let out: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    out = await parser.parseString(xml);
  } catch (e) {
    throw new FeedParseError(reasonOf(e, root?.name));
  }
  const { items, ...fields } = out as unknown as { items?: unknown } & Record<string, unknown>;
  const lang = root ? /\sxml:lang\s*=\s*["']([^"']+)["']/.exec(root.tag)?.[1] : undefined;
  return {
    format: root?.name === 'feed' ? 'atom' : 'rss',
    fields,
    items: Array.isArray(items) ? items.filter((i): i is RawItem => typeof i === 'object' && i !== null) : [],
    rootLang: lang,
  };
}
