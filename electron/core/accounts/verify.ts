/**
 * Verifies an account for real: IMAP login, SMTP AUTH without sending, and
 * DAV principal + homes. Each service succeeds or fails on its own, so the
 * wizard can say exactly which one needs fixing.
 */
import {
  CartableError,
  type AccountSettings,
  type DavHomes,
  type ServiceCheck,
  type ServiceName,
  type VerifyReport,
} from '../../../shared/contract/index.ts';
import { discoverDavHomes } from '../dav/principal.ts';
import { openImap } from '../imap/client.ts';
import type { NetworkContext } from '../net/secure.ts';
import { verifySmtp } from '../smtp/verify.ts';

export type ProgressListener = (service: ServiceName, state: 'running' | 'ok' | 'failed') => void;

export interface VerifyContext {
  network: NetworkContext;
  version: string;
  onProgress: ProgressListener;
  /** The submission server's SIZE limit (RFC 1870) read during the check, undefined when none. */
  onSmtpSizeLimit?: (bytes: number | undefined) => void;
}

async function check(
  service: ServiceName,
  onProgress: ProgressListener,
  run: () => Promise<void>,
): Promise<ServiceCheck> {
  onProgress(service, 'running');
  try {
    await run();
    onProgress(service, 'ok');
    return { service, ok: true };
  } catch (error) {
    onProgress(service, 'failed');
    const failure = error instanceof CartableError ? error : new CartableError('INTERNAL', { service });
    return { service, ok: false, error: failure.toShape() };
  }
}

export async function verifyAccount(
  settings: AccountSettings,
  password: string,
  context: VerifyContext,
): Promise<VerifyReport> {
  const { network, onProgress } = context;
  const pins = settings.tlsPins;
  const { davUrl } = settings;
  let dav: DavHomes | undefined;
  const checks = await Promise.all([
    check('imap', onProgress, async () => {
      const session = await openImap(
        { endpoint: settings.imap, login: settings.login, password, pins },
        network,
        context.version,
      );
      await session.close();
    }),
    check('smtp', onProgress, async () => {
      const limit = await verifySmtp(
        { endpoint: settings.smtp, login: settings.login, password, pins },
        network,
      );
      context.onSmtpSizeLimit?.(limit);
    }),
    // An account without a DAV URL (mail-only servers) is not checked for calendars at all.
    ...(davUrl === undefined
      ? []
      : [
          check('dav', onProgress, async () => {
            const userAgent = `Cartable/${context.version}`;
            dav = await discoverDavHomes(
              { url: davUrl, login: settings.login, password, pins, userAgent },
              network,
            );
          }),
        ]),
  ]);
  return { ok: checks.every((c) => c.ok), checks, ...(dav ? { dav } : {}) };
}
