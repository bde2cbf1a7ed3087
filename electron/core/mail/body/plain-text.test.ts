import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TEXT_CHARS } from './limits.ts';
import { htmlToPlainText, searchableText } from './plain-text.ts';

describe('plain text for search', () => {
  it('strips tags, scripts, styles and comments, and decodes entities', () => {
    const html =
      '<html><head><style>p{color:red}</style><title>t</title></head><body><p>R&eacute;union &amp; <b>conseil</b></p>' +
      '<script>var secret = 1;</script><!-- caché --><div>salle&nbsp;101 &#233;&#x e9; &#xE9;</div></body></html>';
    const text = htmlToPlainText(html);
    expect(text).toContain('conseil');
    expect(text).toContain('& ');
    expect(text).toContain('salle 101 é');
    expect(text).toContain('é');
    expect(text).not.toMatch(/secret|color|caché|<|>/);
  });

  it('prefers the text part, falls back to the HTML, and is bounded', () => {
    expect(searchableText({ text: 'texte', html: '<p>html</p>' })).toBe('texte');
    expect(searchableText({ text: '  \n', html: '<p>html</p>' })).toBe('html');
    expect(searchableText({ text: null, html: null })).toBe('');
    expect(searchableText({ text: null, html: `<p>${'a '.repeat(MAX_SEARCH_TEXT_CHARS)}</p>` }).length).toBe(
      MAX_SEARCH_TEXT_CHARS,
    );
  });

  it('stays linear on an unclosed tag storm', () => {
    expect(htmlToPlainText('<'.repeat(150_000) + 'fin')).toMatch(/fin$/);
    expect(htmlToPlainText('<script>'.repeat(50_000))).toBe('');
  });
});
