/**
 * Plain text for `Mention.text`: markup removed, entities decoded, whitespace collapsed, full
 * length. HTML is read by sanitize-html's parser (htmlparser2, which knows every named entity) with
 * only block tags kept, so paragraph and line breaks survive as newlines; everything else in the
 * output is text that sanitize-html escaped, which is undone at the end.
 */
import sanitizeHtml from 'sanitize-html';

const BLOCK_TAGS = ['p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'hr', 'dt', 'dd'];
const NOT_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'title', 'head'];

/** Collapses runs of whitespace to one space, keeps single line breaks, drops control characters. */
export function collapseWhitespace(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ ?\n[\s]*/g, '\n')
      .trim()
  );
}

export function htmlToText(html: string): string {
  const kept = sanitizeHtml(html, { allowedTags: BLOCK_TAGS, allowedAttributes: {}, nonTextTags: NOT_TEXT });
  // Source whitespace means nothing in HTML; block boundaries are the only line breaks.
  const flat = kept
    .replace(/[ \t\n\r\f]+/g, ' ')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return collapseWhitespace(flat);
}

/** Anything that looks like markup or an entity reference is read as HTML; the rest as text. */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][^>]*>|<!--|&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i.test(s);
}

/** For values whose type the feed does not state (RSS titles, descriptions). */
export function toText(s: string): string {
  return looksLikeHtml(s) ? htmlToText(s) : collapseWhitespace(s);
}

/**
 * Some feeds escape their HTML twice (`&amp;lt;p&amp;gt;` in the XML), so after XML decoding the
 * body is still `&lt;p&gt;...`. A body with no tag at all but escaped ones is unescaped once more,
 * or the inbox would show the markup as text.
 */
export function unescapeDoubleEscaped(html: string): string {
  if (html.includes('<') || !/&lt;\/?[a-z!]/i.test(html)) return html;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
