import { describe, it, expect } from 'vitest';
import { FeedParseError, parseFeedXml, rootElement } from '../../../src-main/sources/feed/parse-feed';
import { readFeed } from '../../../src-main/sources/feed/read-feed';

const reason = (xml: string): Promise<string> =>
  parseFeedXml(xml).then(
    () => 'parsed',
    (e: unknown) => (e instanceof FeedParseError ? e.reason : `not a FeedParseError: ${String(e)}`),
  );

describe('feed parsing', () => {
  it("malformed XML gives the parser's reason in one line, with where", async () => {
    expect(await reason('<rss version="2.0"><channel><item><title>x</item></channel></rss>')).toMatch(/^Unexpected close tag \(line 1, column \d+\)$/);
  });

  it('an empty body, a web page and another XML document each say what they are', async () => {
    expect(await reason('   ')).toBe('the feed is empty');
    expect(await reason('<!DOCTYPE html><html><head><title>Hi</title></head><body></body></html>')).toBe('the address returns a web page, not a feed');
    expect(await reason('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe('the document is <svg>, not RSS or Atom');
  });

  it('RSS 0.91, RSS 1.0 (RDF), RSS 2.0, <rss> without a version, and Atom are all read', async () => {
    const docs = [
      '<rss version="0.91"><channel><title>t</title><item><title>a</title><link>http://x/1</link></item></channel></rss>',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title></channel><item rdf:about="http://x/1"><title>a</title><link>http://x/1</link></item></rdf:RDF>',
      '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://x/1</link></item></channel></rss>',
      '<rss><channel><title>t</title><item><title>a</title><link>http://x/1</link></item></channel></rss>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title><link href="http://x/1"/></entry></feed>',
    ];
    for (const xml of docs) {
      const out = await readFeed({ body: Buffer.from(xml), url: 'http://127.0.0.1/f', sourceId: 's', fetchedAt: new Date() });
      expect(out.items.map((i) => i.mention.url)).toEqual(['http://x/1']);
    }
  });

  it('an Atom link written as text (no href) still gives the item its link', async () => {
    const out = await readFeed({
      body: Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title><link>https://x.example/1</link></entry></feed>'),
      url: 'http://127.0.0.1/f',
      sourceId: 's',
      fetchedAt: new Date(),
    });
    expect(out.items[0]!.mention.url).toBe('https://x.example/1');
  });

  it('finds the root element past the declaration, comments and doctype', () => {
    expect(rootElement('<?xml version="1.0"?>\n<!-- hi --><!DOCTYPE rss><rss version="2.0">')?.name).toBe('rss');
    expect(rootElement('<feed xml:lang="de" xmlns="http://www.w3.org/2005/Atom">')?.tag).toContain('xml:lang="de"');
  });
});
