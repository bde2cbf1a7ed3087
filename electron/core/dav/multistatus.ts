/**
 * Reads the few properties discovery needs out of a WebDAV multistatus
 * (RFC 4918 §13). Entity expansion is off: server XML is hostile input.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => name === 'response' || name === 'propstat' || name === 'href',
});

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function firstHref(value: unknown): string | undefined {
  const node = asNode(value);
  const hrefs = node?.['href'];
  const first: unknown = Array.isArray(hrefs) ? hrefs[0] : hrefs;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** The first href found under `property` in any 2xx propstat of the multistatus. */
export function hrefProperty(xml: string, property: string): string | undefined {
  const root = asNode(parser.parse(xml) as unknown);
  const multistatus = asNode(root?.['multistatus']);
  const responses = multistatus?.['response'];
  if (!Array.isArray(responses)) return undefined;
  for (const response of responses) {
    const propstats = asNode(response)?.['propstat'];
    if (!Array.isArray(propstats)) continue;
    for (const propstat of propstats) {
      const node = asNode(propstat);
      if (typeof node?.['status'] === 'string' && !/ 2\d\d /.test(node['status'])) continue;
      const href = firstHref(asNode(node?.['prop'])?.[property]);
      if (href) return href;
    }
  }
  return undefined;
}
