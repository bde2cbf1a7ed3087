// A deliberately small XML reader for autoconfig documents: elements,
// attributes, text, comments and CDATA. It refuses any DTD, so there is no
// entity to expand (billion laughs) and no external file to fetch (XXE).

export interface XmlElement {
  /** Local name: a namespace prefix is dropped, autoconfig files do not need it. */
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Direct text content, entities decoded, not trimmed. */
  text: string;
}

/** clientConfig is four levels deep; anything far deeper is not a config. */
export const MAX_XML_DEPTH = 32;
/** A real config has a few dozen elements; this bounds memory whatever the size cap. */
export const MAX_XML_ELEMENTS = 4096;

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const WHITESPACE = /\s/;

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and character references. Anything
 * else (`&foo;`, a bare `&`) stays literal: there is no DTD to define it.
 */
export function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const isSurrogate = code >= 0xd800 && code <= 0xdfff;
      return code > 0 && code <= 0x10ffff && !isSurrogate ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

class XmlReader {
  private readonly source: string;
  private position = 0;
  private elements = 0;

  constructor(source: string) {
    this.source = source;
  }

  /** The root element, or undefined for anything that is not well-formed enough. */
  read(): XmlElement | undefined {
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    const { source } = this;
    while (this.position < source.length) {
      const top = stack[stack.length - 1];
      if (!source.startsWith('<', this.position)) {
        const end = source.indexOf('<', this.position);
        const stop = end < 0 ? source.length : end;
        const text = source.slice(this.position, stop);
        if (top) top.text += decodeEntities(text);
        else if (text.trim() !== '') return undefined; // text outside the root
        this.position = stop;
      } else if (source.startsWith('<?', this.position)) {
        if (!this.skipPast('?>')) return undefined;
      } else if (source.startsWith('<!--', this.position)) {
        if (!this.skipPast('-->')) return undefined;
      } else if (source.startsWith('<![CDATA[', this.position)) {
        const end = source.indexOf(']]>', this.position);
        if (!top || end < 0) return undefined;
        top.text += source.slice(this.position + 9, end);
        this.position = end + 3;
      } else if (source.startsWith('<!', this.position)) {
        return undefined; // <!DOCTYPE, <!ENTITY…: refused, see the module comment
      } else if (source.startsWith('</', this.position)) {
        this.position += 2;
        const name = this.readName();
        this.skipWhitespace();
        if (name === undefined || !top || source[this.position] !== '>') return undefined;
        if (localName(name) !== top.name) return undefined;
        this.position += 1;
        stack.pop();
      } else {
        if (root !== undefined && stack.length === 0) return undefined; // a second root
        const opened = this.readStartTag();
        if (!opened) return undefined;
        this.elements += 1;
        if (this.elements > MAX_XML_ELEMENTS) return undefined;
        if (top) top.children.push(opened.element);
        else root = opened.element;
        if (!opened.selfClosing) {
          stack.push(opened.element);
          if (stack.length > MAX_XML_DEPTH) return undefined;
        }
      }
    }
    return stack.length === 0 ? root : undefined;
  }

  private skipPast(terminator: string): boolean {
    const end = this.source.indexOf(terminator, this.position);
    if (end < 0) return false;
    this.position = end + terminator.length;
    return true;
  }

  private skipWhitespace(): void {
    while (WHITESPACE.test(this.source[this.position] ?? '')) this.position += 1;
  }

  private readName(): string | undefined {
    const start = this.position;
    if (!NAME_START.test(this.source[start] ?? '')) return undefined;
    this.position += 1;
    while (NAME_CHAR.test(this.source[this.position] ?? '')) this.position += 1;
    return this.source.slice(start, this.position);
  }

  private readStartTag(): { element: XmlElement; selfClosing: boolean } | undefined {
    this.position += 1; // '<'
    const name = this.readName();
    if (name === undefined) return undefined;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = this.position;
      this.skipWhitespace();
      const next = this.source[this.position];
      if (next === '>' || (next === '/' && this.source[this.position + 1] === '>')) {
        this.position += next === '>' ? 1 : 2;
        const element: XmlElement = { name: localName(name), attributes, children: [], text: '' };
        return { element, selfClosing: next === '/' };
      }
      if (this.position === before) return undefined; // attributes must be separated
      const attribute = this.readName();
      if (attribute === undefined) return undefined;
      this.skipWhitespace();
      if (this.source[this.position] !== '=') return undefined;
      this.position += 1;
      this.skipWhitespace();
      const quote = this.source[this.position];
      if (quote !== '"' && quote !== "'") return undefined;
      const end = this.source.indexOf(quote, this.position + 1);
      if (end < 0) return undefined;
      const value = this.source.slice(this.position + 1, end);
      if (value.includes('<')) return undefined;
      // Object.hasOwn guard: a hostile `__proto__="…"` must stay a plain key.
      if (!Object.hasOwn(attributes, attribute)) {
        Object.defineProperty(attributes, attribute, { value: decodeEntities(value), enumerable: true });
      }
      this.position = end + 1;
    }
  }
}

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

/** Parses a small XML document; undefined when it is not one we accept. */
export function parseXml(source: string): XmlElement | undefined {
  return new XmlReader(source).read();
}

/** Child elements of `parent` with this local name, in document order. */
export function childrenNamed(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

/** Trimmed text of the first child with this name, if any. */
export function childText(parent: XmlElement, name: string): string | undefined {
  const child = parent.children.find((candidate) => candidate.name === name);
  return child?.text.trim();
}
