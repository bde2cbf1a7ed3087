/** Accounts as the core lists them, for component tests of every feature. */
import type { Account } from '$shared/contract/index.ts';

/** The login is the address; the servers are the usual implicit-TLS ports of its domain. */
export function testAccount(id: string, email: string, displayName = ''): Account {
  const domain = email.slice(email.indexOf('@') + 1);
  return {
    id,
    email,
    displayName,
    login: email,
    imap: { host: `imap.${domain}`, port: 993, security: 'tls' },
    smtp: { host: `smtp.${domain}`, port: 465, security: 'tls' },
    tlsPins: [],
    createdAt: '2026-09-01T08:00:00Z',
  };
}
