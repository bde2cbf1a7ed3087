// In-memory DiscoveryDeps for the unit tests beside this file: answers come
// from tables, anything not in a table is a network failure, every request is recorded.
import type { Preset } from '../../../shared/contract/domain.ts';
import type { DiscoveryDeps, HttpAnswer, SrvAnswer } from './types.ts';

export interface FakeNetwork {
  /** Keyed "GET https://…" or "PROPFIND https://…". */
  http?: Readonly<Record<string, HttpAnswer>>;
  srv?: Readonly<Record<string, SrvAnswer[]>>;
  txt?: Readonly<Record<string, string[][]>>;
}

export interface RecordingDeps extends DiscoveryDeps {
  /** "METHOD url" of each request, in order. */
  requests: string[];
  lookups: string[];
}

export function fakeDeps(network: FakeNetwork, presets: readonly Preset[] = []): RecordingDeps {
  const requests: string[] = [];
  const lookups: string[] = [];
  return {
    presets,
    requests,
    lookups,
    request(url, init) {
      const key = `${init?.method ?? 'GET'} ${url}`;
      requests.push(key);
      return Promise.resolve(network.http?.[key]);
    },
    resolveSrv(name) {
      lookups.push(`SRV ${name}`);
      return Promise.resolve(network.srv?.[name] ?? []);
    },
    resolveTxt(name) {
      lookups.push(`TXT ${name}`);
      return Promise.resolve(network.txt?.[name] ?? []);
    },
  };
}

/** A clientConfig document with the given server elements. */
export function clientConfig(servers: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    ${servers}
  </emailProvider>
</clientConfig>`;
}

export function server(
  kind: 'incomingServer' | 'outgoingServer',
  type: string,
  fields: {
    hostname?: string;
    port?: string;
    socketType?: string;
    username?: string;
    authentication?: string[];
  },
): string {
  const auth = (fields.authentication ?? ['password-cleartext']).map(
    (a) => `<authentication>${a}</authentication>`,
  );
  const field = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<${name}>${value}</${name}>`;
  return `<${kind} type="${type}">
      ${field('hostname', fields.hostname)}${field('port', fields.port)}${field('socketType', fields.socketType)}
      ${field('username', fields.username)}${auth.join('')}
    </${kind}>`;
}
