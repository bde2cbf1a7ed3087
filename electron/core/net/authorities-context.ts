/**
 * The trusted authorities, parsed once. Node builds a new SecureContext for
 * every connection given a `ca` list: the ~120 public roots plus the host's
 * took 5–13 ms a connection on these machines, on the core's thread, and a
 * sign-in opens several (probe, then library, per service).
 */
import tls, { type SecureContext } from 'node:tls';

const contexts = new WeakMap<readonly string[], SecureContext>();

/** The SecureContext of `authorities`, built on first use (keyed by the array itself). */
export function authoritiesContext(authorities: readonly string[]): SecureContext {
  let context = contexts.get(authorities);
  if (!context) {
    context = tls.createSecureContext({ ca: [...authorities] });
    contexts.set(authorities, context);
  }
  return context;
}
