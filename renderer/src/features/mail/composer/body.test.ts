import { describe, expect, it } from 'vitest';
import { htmlToPlainText, outgoingHtml, sanitizeOutgoing, textToHtml } from './body.ts';

describe('plain-text alternative', () => {
  it('keeps paragraphs and line breaks', () => {
    expect(htmlToPlainText('<p>Bonjour,</p><p>Ligne un<br>ligne deux</p>')).toBe(
      'Bonjour,\n\nLigne un\nligne deux',
    );
  });

  it('writes bullets, numbers and nested paragraphs in items', () => {
    expect(
      htmlToPlainText(
        '<ul><li><p>un</p></li><li><p>deux</p></li></ul><ol><li><p>a</p></li><li><p>b</p></li></ol>',
      ),
    ).toBe('- un\n- deux\n\n1. a\n2. b');
  });

  it('quotes blockquotes with >, nested ones twice', () => {
    expect(
      htmlToPlainText(
        '<p>Oui.</p><blockquote><p>Question ?</p><blockquote><p>Avant</p></blockquote></blockquote>',
      ),
    ).toBe('Oui.\n\n> Question ?\n>\n> > Avant');
  });

  it('gives a link its target unless the text is the target', () => {
    expect(
      htmlToPlainText(
        '<p><a href="https://ac-x.fr/a">le site</a> et <a href="https://ac-x.fr">https://ac-x.fr</a></p>',
      ),
    ).toBe('le site <https://ac-x.fr/a> et https://ac-x.fr');
  });

  it('keeps bold and italic text, without markup', () => {
    expect(htmlToPlainText('<p><strong>Important</strong> : <em>demain</em></p>')).toBe('Important : demain');
  });
});

describe('outgoing HTML', () => {
  it('drops scripts, handlers, images and javascript: links', () => {
    const clean = sanitizeOutgoing(
      '<p onclick="x()">a<script>alert(1)</script><img src="https://t.example/p.gif"><a href="javascript:alert(1)">b</a></p>',
    );
    expect(clean).toBe('<p>a<a>b</a></p>');
  });

  it('is a full document with its charset, without the editor’s trailing empty paragraphs', () => {
    const html = outgoingHtml('<p>é</p><blockquote><p>x</p></blockquote><p></p><p><br></p>');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<\/blockquote><\/body>/);
  });

  it('escapes text turned into HTML', () => {
    expect(textToHtml('a <b>\n\nc')).toBe('<p>a &#60;b&#62;</p><p>c</p>');
  });
});
