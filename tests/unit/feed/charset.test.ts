import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import {
  charsetFromContentType,
  charsetFromXmlDeclaration,
  declareUtf8,
  decodeFeedBody,
} from '../../../src-main/sources/feed/charset';
import { parseFeedXml } from '../../../src-main/sources/feed/parse-feed';
import { feedFixture, readFixtureFeed } from './helpers';

const rss = (decl: string, text: string): string =>
  `${decl}<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>${text}</title></item></channel></rss>`;

describe('feed charset', () => {
  it('reads the charset from the Content-Type header, quoted or not, in any case', () => {
    expect(charsetFromContentType('application/rss+xml; charset=ISO-8859-1')).toBe('iso-8859-1');
    expect(charsetFromContentType('text/xml;Charset="GB2312"')).toBe('gb2312');
    expect(charsetFromContentType('application/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });

  it('reads the encoding from the XML declaration', () => {
    expect(charsetFromXmlDeclaration(Buffer.from('<?xml version="1.0" encoding="GB2312"?><rss/>'))).toBe('gb2312');
    expect(charsetFromXmlDeclaration(Buffer.from("  <?xml version='1.0' encoding='windows-1251' ?>"))).toBe('windows-1251');
    expect(charsetFromXmlDeclaration(Buffer.from('<?xml version="1.0"?><rss/>'))).toBeUndefined();
    expect(charsetFromXmlDeclaration(Buffer.from('<rss/>'))).toBeUndefined();
  });

  it('the header charset wins over the XML declaration', () => {
    const body = iconv.encode(rss('<?xml version="1.0" encoding="UTF-8"?>', 'Avião'), 'iso-8859-1');
    const d = decodeFeedBody(body, 'text/xml; charset=iso-8859-1');
    expect(d.text).toContain('Avião');
    expect(d.from).toBe('header');
    expect(d.warnings.join()).toMatch(/says iso-8859-1 but the feed declares utf-8/);
  });

  it('the XML declaration is used when the header names no charset (GB2312)', () => {
    const body = iconv.encode(rss('<?xml version="1.0" encoding="GB2312"?>', '航班延误'), 'gb2312');
    const d = decodeFeedBody(body, 'application/rss+xml');
    expect(d).toMatchObject({ from: 'xml-declaration', warnings: [] });
    expect(d.text).toContain('航班延误');
  });

  it('a byte order mark decides, even against the header', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('<?xml version="1.0"?>', 'Zürich'))]);
    const d8 = decodeFeedBody(utf8, 'text/xml; charset=windows-1252');
    expect(d8).toMatchObject({ from: 'bom', charset: 'utf-8' });
    expect(d8.text.startsWith('<?xml')).toBe(true);
    expect(d8.text).toContain('Zürich');

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss('<?xml version="1.0" encoding="UTF-16"?>', 'Ελληνικά'), 'utf-16le')]);
    const d16 = decodeFeedBody(utf16);
    expect(d16.charset).toBe('utf-16le');
    expect(d16.text).toContain('Ελληνικά');
  });

  it('UTF-16 without a BOM is recognised from how <?xml is laid out', () => {
    const d = decodeFeedBody(iconv.encode(rss('<?xml version="1.0" encoding="UTF-16"?>', 'Ωμέγα'), 'utf-16le'));
    expect(d.text).toContain('Ωμέγα');
  });

  it('with no label at all the feed is read as UTF-8', () => {
    const d = decodeFeedBody(Buffer.from(rss('', 'naïve café')));
    expect(d).toMatchObject({ from: 'default', charset: 'utf-8', warnings: [] });
    expect(d.text).toContain('naïve café');
  });

  it('an unknown charset falls back to UTF-8 with a warning, never a crash', () => {
    const d = decodeFeedBody(Buffer.from(rss('<?xml version="1.0" encoding="x-klingon-8"?>', 'plain ascii')), 'text/xml; charset=x-klingon-8');
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('plain ascii');
    expect(d.warnings.join()).toMatch(/unknown charset "x-klingon-8"; reading the feed as UTF-8/);
  });

  it('bytes labelled or defaulted to UTF-8 that are not UTF-8 are read as Windows-1252 with a warning', () => {
    const body = iconv.encode(rss('', 'Notícias de São Paulo'), 'windows-1252');
    const d = decodeFeedBody(body, 'application/rss+xml; charset=utf-8');
    expect(d.text).toContain('Notícias de São Paulo');
    expect(d.from).toBe('guessed');
    expect(d.warnings.join()).toMatch(/not valid UTF-8 although the server says so; reading it as windows-1252/);
  });

  it('a stray bad byte in a UTF-8 feed does not turn the whole feed into mojibake', () => {
    const body = Buffer.concat([Buffer.from(rss('', 'Größe, déjà vu, 東京 ')), Buffer.from([0xff])]);
    const d = decodeFeedBody(body);
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('Größe, déjà vu, 東京');
    expect(d.warnings.join()).toMatch(/not valid UTF-8 and show as/);
  });

  it('ISO-8859-1 is read as Windows-1252, as browsers do, so curly quotes survive', () => {
    const body = Buffer.concat([Buffer.from('<rss version="2.0"><channel><item><title>'), Buffer.from([0x93, 0x6f, 0x6b, 0x94, 0x20, 0x80]), Buffer.from('</title></item></channel></rss>')]);
    expect(decodeFeedBody(body, 'text/xml; charset=ISO-8859-1').text).toContain('\u201cok\u201d €');
  });

  it('the XML declaration is rewritten to UTF-8 before parsing, and other documents are left alone', async () => {
    expect(declareUtf8('<?xml version="1.0" encoding="GB2312"?><rss/>')).toBe('<?xml version="1.0" encoding="UTF-8"?><rss/>');
    expect(declareUtf8("<?xml version='1.0' encoding='iso-8859-1' standalone='yes'?>")).toBe("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>");
    expect(declareUtf8('<rss encoding="x"/>')).toBe('<rss encoding="x"/>');
    const xml = declareUtf8(decodeFeedBody(iconv.encode(rss('<?xml version="1.0" encoding="GB2312"?>', '投诉'), 'gb2312')).text);
    const feed = await parseFeedXml(xml);
    expect(feed.items[0]?.title).toBe('投诉');
  });

  it('the real-world ISO-8859-1 feed (declared only in the XML) decodes its accents', async () => {
    expect(feedFixture('real-world', 'encoding.rss').includes(Buffer.from('Not\xedcias', 'latin1'))).toBe(true);
    const out = await readFixtureFeed('real-world', 'encoding.rss');
    expect(out.charset).toBe('windows-1252');
    expect(out.items.some((i) => i.mention.title === 'Mãe de utente é a nova presidente da Raríssimas')).toBe(true);
    expect(out.items.every((i) => !i.mention.text.includes('\uFFFD'))).toBe(true);
  });

  it('the real-world feed with no declaration and Latin-1 bytes is read without replacement characters', async () => {
    const out = await readFixtureFeed('real-world', 'uolNoticias.rss');
    expect(out.warnings.join()).toMatch(/not valid UTF-8/);
    expect(out.items.map((i) => i.mention.title).join()).toContain('simulações');
    expect(out.items.every((i) => !`${i.mention.title}${i.mention.text}`.includes('\uFFFD'))).toBe(true);
  });
});
