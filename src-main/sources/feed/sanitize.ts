/**
 * Feed HTML as the inbox may render it. Feed HTML is someone else's markup, shown inside our app:
 * it keeps a small set of harmless tags and nothing that runs, loads, submits or restyles. Links
 * keep only http(s)/mailto targets, are resolved against the item's address (feeds are full of
 * relative links) and carry rel="noopener noreferrer nofollow"; the renderer opens them in the
 * system browser. No class or style survives, so nothing can overlay or imitate the app's UI.
 */
import sanitizeHtml from 'sanitize-html';

export const ALLOWED_TAGS = ['p', 'br', 'a', 'b', 'i', 'em', 'strong', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'];
export const LINK_REL = 'noopener noreferrer nofollow';

/**
 * Elements whose content is dropped with them, not just unwrapped: code, styles, embedded
 * documents and forms are never text the customer wrote for us.
 */
const DROP_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'select', 'button', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'svg', 'math', 'template', 'title', 'head'];

function resolveHref(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined; // relative with no base, or not a URL at all: the text stays, the link goes
  }
}

/** Sanitised HTML, or undefined when nothing visible is left. */
export function sanitizeFeedHtml(html: string, baseUrl?: string): string | undefined {
  const out = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    // A link around an image that was removed would be an invisible, clickable nothing.
    exclusiveFilter: (frame) => frame.tag === 'a' && !frame.text.trim(),
    transformTags: {
      // Runs before the attribute and scheme checks, which still apply to what it returns.
      a: (tagName, attribs) => {
        const href = resolveHref(attribs.href, baseUrl);
        const kept: Record<string, string> = href ? { href, rel: LINK_REL } : {};
        return { tagName, attribs: kept };
      },
    },
  }).trim();
  // No tag left means plain text, which Mention.text already holds; only tags and whitespace left
  // (an image-only post, an empty paragraph) means nothing to show.
  if (!/<[a-z]/i.test(out)) return undefined;
  return out.replace(/<[^>]*>/g, '').trim() ? out : undefined;
}
