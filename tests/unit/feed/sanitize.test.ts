import { describe, it, expect } from 'vitest';
import { sanitizeFeedHtml } from '../../../src-main/sources/feed/sanitize';
import { htmlToText, toText } from '../../../src-main/sources/feed/plain-text';
import { readFeed } from '../../../src-main/sources/feed/read-feed';

const clean = (html: string, base?: string): string => sanitizeFeedHtml(html, base) ?? '';

describe('feed HTML sanitiser', () => {
  it('removes scripts and their content', () => {
    const out = clean('<p>Hi<script>alert(document.cookie)</script></p><script src="https://evil.example/x.js"></script>');
    expect(out).toBe('<p>Hi</p>');
  });

  it('removes images with onerror and every event handler attribute', () => {
    const out = clean('<p onclick="steal()">Look <img src=x onerror="alert(1)"><b onmouseover="x()">here</b></p>');
    expect(out).toBe('<p>Look <b>here</b></p>');
    expect(out).not.toMatch(/on\w+=|<img/);
  });

  it('drops javascript: and data: links but keeps their text', () => {
    const out = clean('<a href="javascript:alert(1)">one</a> <a href="JaVaScRiPt:alert(1)">two</a> <a href="  javascript:alert(1)">three</a> <a href="data:text/html;base64,PHNjcmlwdD4=">four</a>');
    expect(out).not.toMatch(/javascript|data:|href/i);
    expect(out).toContain('one');
    expect(out).toContain('four');
  });

  it('removes iframes, forms, styles and embedded objects with their content', () => {
    const out = clean('<p>a</p><iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="pw"><button>Log in</button></form><style>body{display:none}</style><object data="x.swf"></object><p>b</p>');
    expect(out).toBe('<p>a</p><p>b</p>');
  });

  it('removes style attributes and classes that could overlay or imitate the app', () => {
    const out = clean('<p class="modal" style="position:fixed;inset:0;z-index:9999" id="x">Session expired</p><div class="md">body</div>');
    expect(out).toBe('<p>Session expired</p>body');
  });

  it('keeps the small safe set of tags', () => {
    const html = '<p>a<br /><b>b</b><i>i</i><em>e</em><strong>s</strong></p><ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><pre><code>c</code></pre>';
    expect(clean(html)).toBe(html);
  });

  it('links get rel="noopener noreferrer nofollow" and relative links are resolved against the item', () => {
    expect(clean('<a href="/post/1" target="_blank" rel="opener">x</a>', 'https://blog.example/feed/item')).toBe(
      '<a href="https://blog.example/post/1" rel="noopener noreferrer nofollow">x</a>',
    );
    expect(clean('<a href="mailto:help@acme.example">mail</a>')).toContain('href="mailto:help@acme.example"');
  });

  it('a link around a removed image disappears instead of becoming an invisible click target', () => {
    expect(clean('<p><a href="https://e.example"><img src="x.png"></a>text</p>')).toBe('<p>text</p>');
  });

  it('gives no html when nothing visible, or nothing but plain text, is left', () => {
    expect(sanitizeFeedHtml('<img src="x.png"><script>x()</script>')).toBeUndefined();
    expect(sanitizeFeedHtml('<table><tr><td>just words</td></tr></table>')).toBeUndefined();
  });

  it('feed html passes through the sanitiser on the way into a mention', async () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><guid>1</guid><description><![CDATA[<p style="color:red">Hi <img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a></p><script>alert(2)</script>]]></description></item></channel></rss>`;
    const out = await readFeed({ body: Buffer.from(xml), url: 'http://127.0.0.1/f', sourceId: 's', fetchedAt: new Date() });
    const m = out.items[0]!.mention;
    expect(m.html).toBe('<p>Hi <a>click</a></p>');
    expect(m.text).toBe('Hi click');
  });
});

describe('feed plain text', () => {
  it('removes markup, decodes entities and collapses whitespace, keeping paragraph breaks', () => {
    expect(htmlToText('<p>Fish &amp; chips &mdash; &lt;cheap&gt;&nbsp;&#8364;5</p>\n\n   <p>Second    line<br>third</p>')).toBe('Fish & chips — <cheap> €5\nSecond line\nthird');
  });

  it('keeps the full length', () => {
    const long = 'word '.repeat(5000);
    expect(htmlToText(`<p>${long}</p>`)).toHaveLength(long.trim().length);
  });

  it('drops script and style text', () => {
    expect(htmlToText('a<script>var x = 1;</script><style>p{}</style>b')).toBe('ab');
  });

  it('text that is not HTML is only collapsed, not parsed', () => {
    expect(toText('  5 < 6  and  7 > 3 ')).toBe('5 < 6 and 7 > 3');
    expect(toText('Tom &amp; Jerry')).toBe('Tom & Jerry');
  });
});
