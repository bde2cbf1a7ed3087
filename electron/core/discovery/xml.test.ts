import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH, MAX_XML_ELEMENTS, childText, decodeEntities, parseXml } from './xml.ts';

describe('parseXml', () => {
  it('reads elements, attributes, text, comments, CDATA and processing instructions', () => {
    const root = parseXml(`<?xml version="1.0"?>
      <!-- a comment -->
      <a:root xmlns:a="urn:x" kind='single' other="1 &amp; 2">
        <child>one</child><child><![CDATA[<two>]]></child>
        <empty/>
      </a:root>
      <!-- trailing comment -->`);
    expect(root?.name).toBe('root');
    expect(root?.attributes).toEqual({ 'xmlns:a': 'urn:x', kind: 'single', other: '1 & 2' });
    expect(root?.children.map((c) => c.name)).toEqual(['child', 'child', 'empty']);
    expect(root?.children[1]?.text).toBe('<two>');
    expect(root && childText(root, 'child')).toBe('one');
  });

  it('decodes only predefined entities and character references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;')).toBe(`<>&"'AB`);
    expect(decodeEntities('AT&T &foo; &#xD800; &#0;')).toBe('AT&T &foo; &#xD800; &#0;');
  });

  it('refuses a DTD, so the billion-laughs document is never expanded', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>`;
    expect(parseXml(laughs)).toBeUndefined();
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = `<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;
    expect(parseXml(xxe)).toBeUndefined();
  });

  it('leaves an undeclared entity as literal text rather than resolving it', () => {
    expect(parseXml('<a>&xxe;</a>')?.text).toBe('&xxe;');
  });

  it('rejects documents that are not well formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a>',
      '<a></a><b></b>',
      'text<a></a>',
      '<a x=1></a>',
      '<a x="1"y="2"></a>',
      '<a x="<"></a>',
      '<a><!-- never closed </a>',
      '<a><![CDATA[ never closed </a>',
      '<1a></1a>',
      '',
    ]) {
      expect(parseXml(bad), bad).toBeUndefined();
    }
  });

  it('stops at the depth limit', () => {
    const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(deep(MAX_XML_DEPTH))).toBeDefined();
    expect(parseXml(deep(MAX_XML_DEPTH + 1))).toBeUndefined();
  });

  it('stops at the element-count limit', () => {
    expect(parseXml(`<a>${'<b/>'.repeat(MAX_XML_ELEMENTS - 1)}</a>`)).toBeDefined();
    expect(parseXml(`<a>${'<b/>'.repeat(MAX_XML_ELEMENTS)}</a>`)).toBeUndefined();
  });

  it('keeps a hostile __proto__ attribute as a plain key', () => {
    const root = parseXml('<a __proto__="polluted" constructor="x"/>');
    expect(Object.getPrototypeOf(root?.attributes)).toBe(Object.prototype);
    expect(root?.attributes['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads long runs of whitespace in linear time', () => {
    const started = performance.now();
    expect(parseXml(`<a${' '.repeat(60_000)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
