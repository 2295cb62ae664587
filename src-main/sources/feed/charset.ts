/**
 * Bytes to text for a feed. Which charset, in order:
 * 1. a byte order mark: RFC 7303 §3.2 makes it authoritative, over the header too, and a UTF-8
 *    BOM read as anything else would put junk before `<?xml` and break the parse;
 * 2. the `charset` of the Content-Type header (RFC 7303: it wins over the XML declaration);
 * 3. the XML declaration's `encoding` (or UTF-16 recognised from how `<?xml` is laid out);
 * 4. UTF-8.
 * A charset we cannot decode falls back to UTF-8 with a warning. When the bytes then turn out not
 * to be UTF-8 at all (a server that labels everything UTF-8, a feed with no label), the declared
 * charset or Windows-1252 is used instead, with a warning: a feed is never refused for its
 * encoding, and the inbox shows "Notícias", not "Not�cias".
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'xml-declaration' | 'default' | 'guessed';

export interface DecodedBody {
  text: string;
  /** The charset the text was decoded with, as iconv-lite names it. */
  charset: string;
  from: CharsetSource;
  /** Things worth a log line: an unknown charset, bytes that were not what the label said. */
  warnings: string[];
}

/**
 * Labels that browsers (WHATWG Encoding) read as Windows-1252: real "ISO-8859-1" feeds are full of
 * Windows quotes and dashes in 0x80-0x9F, which ISO-8859-1 would turn into control characters.
 */
const WHATWG_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  // GBK is a superset of GB2312; servers say GB2312 and send GBK characters.
  gb2312: 'gbk',
  x_gbk: 'gbk',
};

const clean = (label: string): string => label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i.exec(contentType ?? '');
  const label = m?.[1] ? clean(m[1]) : '';
  return label || undefined;
}

export function bomCharset(body: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The `encoding` of `<?xml ... ?>`, read from the first bytes as ASCII; UTF-16 spotted by its zeros. */
export function charsetFromXmlDeclaration(body: Buffer): string | undefined {
  // XML 1.0 Appendix F: "<?" in UTF-16 without a BOM shows as 3C 00 3F 00 or 00 3C 00 3F.
  if (body.length >= 4 && body[0] === 0x3c && body[1] === 0 && body[2] === 0x3f && body[3] === 0) return 'utf-16le';
  if (body.length >= 4 && body[0] === 0 && body[1] === 0x3c && body[2] === 0 && body[3] === 0x3f) return 'utf-16be';
  const head = body.subarray(0, 512).toString('latin1');
  const m = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1] ? clean(m[1]) : undefined;
}

const canonical = (label: string): string => WHATWG_ALIASES[label] ?? label;

/** UTF-8 that fails to decode shows as U+FFFD; text with more of those than real non-ASCII is not UTF-8. */
function looksLikeUtf8(text: string): { ok: boolean; bad: number } {
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return { ok: bad === 0 || bad < good, bad };
}

const isUtf8 = (label: string): boolean => label === 'utf-8' || label === 'utf8';

export function decodeFeedBody(body: Buffer, contentType?: string): DecodedBody {
  const warnings: string[] = [];
  const bom = bomCharset(body);
  if (bom) return { text: stripBom(iconv.decode(body, bom)), charset: bom, from: 'bom', warnings };

  const fromHeader = charsetFromContentType(contentType);
  const fromXml = charsetFromXmlDeclaration(body);
  let label = 'utf-8';
  let from: CharsetSource = 'default';
  if (fromHeader) {
    label = fromHeader;
    from = 'header';
    if (fromXml && canonical(fromXml) !== canonical(fromHeader)) {
      warnings.push(`the server says ${fromHeader} but the feed declares ${fromXml}; reading it as ${fromHeader}`);
    }
  } else if (fromXml) {
    label = fromXml;
    from = 'xml-declaration';
  }
  let charset = canonical(label);
  if (!iconv.encodingExists(charset)) {
    warnings.push(`unknown charset "${label}"; reading the feed as UTF-8`);
    charset = 'utf-8';
  }
  if (!isUtf8(charset)) return { text: stripBom(iconv.decode(body, charset)), charset, from, warnings };

  const text = stripBom(iconv.decode(body, 'utf-8'));
  const check = looksLikeUtf8(text);
  if (check.ok) {
    if (check.bad) warnings.push(`${check.bad} byte sequence(s) are not valid UTF-8 and show as \uFFFD`);
    return { text, charset, from, warnings };
  }
  // Labelled (or defaulted to) UTF-8, but it is not: take the declaration if it names something
  // else, else Windows-1252, the usual charset of unlabelled Western feeds.
  const alt = fromXml && !isUtf8(canonical(fromXml)) && iconv.encodingExists(canonical(fromXml)) ? canonical(fromXml) : 'windows-1252';
  warnings.push(`the feed is not valid UTF-8${from === 'default' ? '' : ` although the ${from === 'header' ? 'server' : 'feed'} says so`}; reading it as ${alt}`);
  return { text: stripBom(iconv.decode(body, alt)), charset: alt, from: 'guessed', warnings };
}

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * The text handed to the XML parser is already decoded, so its declaration must say UTF-8: a
 * parser that honours `encoding="GB2312"` would otherwise try to decode it a second time.
 */
export function declareUtf8(xml: string): string {
  return xml.replace(/^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}
