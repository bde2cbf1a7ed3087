// A tiny authoritative DNS server on 127.0.0.1 for discovery tests: answers
// SRV and TXT from a table (RFC 1035 wire format, by hand), NXDOMAIN otherwise.
import dgram from 'node:dgram';

export interface DnsSrvRecord {
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export interface DnsZone {
  /** Owner name → records; names are matched case-insensitively, without the root dot. */
  srv?: Readonly<Record<string, readonly DnsSrvRecord[]>>;
  /** Owner name → records, each a list of character-strings (≤ 255 bytes each). */
  txt?: Readonly<Record<string, readonly (readonly string[])[]>>;
}

export interface DnsServer {
  /** "127.0.0.1:PORT", ready for Resolver#setServers. */
  address: string;
  /** "TYPE name" of every question received, in order. */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_TXT = 16;
const TYPE_SRV = 33;
const CLASS_IN = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_FORMERR = 1;
const TTL_SECONDS = 60;

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

/** RFC 1035 §3.1: length-prefixed labels ending with the root's zero byte; "." is the root alone. */
function encodeName(name: string): Buffer {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label !== '');
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)])),
    Buffer.from([0]),
  ]);
}

interface Question {
  name: string;
  type: number;
  /** The question section as received, echoed back unchanged. */
  bytes: Buffer;
}

function readQuestion(message: Buffer): Question | undefined {
  if (message.length < 12 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = message[offset];
    if (length === undefined || length > 63) return undefined; // no compression in a question we send
    offset += 1;
    if (length === 0) break;
    labels.push(message.subarray(offset, offset + length).toString('latin1'));
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  return {
    name: labels.join('.').toLowerCase(),
    type: message.readUInt16BE(offset),
    bytes: message.subarray(12, offset + 4),
  };
}

function srvData(record: DnsSrvRecord): Buffer {
  // RFC 2782: the target is never compressed.
  return Buffer.concat([
    u16(record.priority ?? 0),
    u16(record.weight ?? 0),
    u16(record.port),
    encodeName(record.target),
  ]);
}

function txtData(strings: readonly string[]): Buffer {
  return Buffer.concat(
    strings.map((text) => Buffer.concat([Buffer.from([Buffer.byteLength(text)]), Buffer.from(text)])),
  );
}

function lowerKeys<T>(table: Readonly<Record<string, T>> | undefined): Map<string, T> {
  return new Map(
    Object.entries(table ?? {}).map(([name, value]) => [name.toLowerCase().replace(/\.$/, ''), value]),
  );
}

export function answer(query: Buffer, zone: DnsZone): Buffer | undefined {
  if (query.length < 12) return undefined;
  const id = query.readUInt16BE(0);
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  const question = readQuestion(query);
  const header = (rcode: number, answers: number, questions: number) =>
    Buffer.concat([
      u16(id),
      u16(0x8000 | 0x0400 | recursionDesired | rcode),
      u16(questions),
      u16(answers),
      u16(0),
      u16(0),
    ]);
  if (!question) return header(RCODE_FORMERR, 0, 0);

  const srv = lowerKeys(zone.srv).get(question.name);
  const txt = lowerKeys(zone.txt).get(question.name);
  if (srv === undefined && txt === undefined)
    return Buffer.concat([header(RCODE_NXDOMAIN, 0, 1), question.bytes]);

  const rdatas =
    question.type === TYPE_SRV
      ? (srv ?? []).map(srvData)
      : question.type === TYPE_TXT
        ? (txt ?? []).map(txtData)
        : [];
  // Each answer names its owner by a pointer to the question's name at offset 12 (RFC 1035 §4.1.4).
  const answers = rdatas.map((rdata) =>
    Buffer.concat([
      u16(0xc00c),
      u16(question.type),
      u16(CLASS_IN),
      Buffer.from([0, 0, 0, TTL_SECONDS]),
      u16(rdata.length),
      rdata,
    ]),
  );
  return Buffer.concat([header(0, answers.length, 1), question.bytes, ...answers]);
}

export async function startDnsServer(zone: DnsZone): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    const question = readQuestion(message);
    if (question)
      queries.push(
        `${question.type === TYPE_SRV ? 'SRV' : question.type === TYPE_TXT ? 'TXT' : question.type} ${question.name}`,
      );
    const reply = answer(message, zone);
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
