/**
 * What the tests know of the running stack: read from the stack.json that
 * test/stack/start.sh writes, so ports and paths live in one place.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const stackDir = process.env.CARTABLE_STACK_DIR ?? '/tmp/cartable-stack';

export interface StackUser {
  login: string;
  password: string;
  email: string;
}

export function caPem(): string {
  return readFileSync(path.join(stackDir, 'ssl/ca.pem'), 'utf8');
}

/** SHA-256 of the stack's server certificate, as Node prints it ("AB:CD:…"). */
export function serverFingerprint(): string {
  const out = execFileSync(
    'openssl',
    ['x509', '-in', path.join(stackDir, 'ssl/server.pem'), '-noout', '-fingerprint', '-sha256'],
    {
      encoding: 'utf8',
    },
  );
  return out.trim().split('=')[1] ?? '';
}

export function user(name: 'alice' | 'bob' | 'carol'): StackUser {
  return { login: name, password: `${name}-pass`, email: `${name}@example.test` };
}

export const endpoints = {
  imaps: { host: '127.0.0.1', port: 1993, security: 'tls' as const },
  imapStartTls: { host: '127.0.0.1', port: 1143, security: 'starttls' as const },
  imapNoTls: { host: '127.0.0.1', port: 1144, security: 'starttls' as const },
  submissions: { host: '127.0.0.1', port: 1465, security: 'tls' as const },
  submission: { host: '127.0.0.1', port: 1587, security: 'starttls' as const },
  smtpNoTls: { host: '127.0.0.1', port: 1025, security: 'starttls' as const },
  closed: { host: '127.0.0.1', port: 1, security: 'tls' as const },
  davUrl: 'https://127.0.0.1:20443/SOGo/dav/',
};

/** The preset IT would add for this "academy" through the policy file. */
export const stackPreset = {
  id: 'pile-de-test',
  label: 'Pile de test locale (SOGo)',
  domains: ['example.test'],
  loginFormat: 'localPart' as const,
  imap: endpoints.imaps,
  smtp: endpoints.submissions,
  davUrl: endpoints.davUrl,
};
