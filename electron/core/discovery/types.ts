// The three network questions discovery asks, as a port: the real one lives in
// deps.ts, unit tests answer them from memory (test-deps.ts).
import type { Preset } from '../../../shared/contract/domain.ts';

export interface HttpAnswer {
  status: number;
  body: string;
  location?: string;
  wwwAuthenticate?: string;
}

export interface SrvAnswer {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export interface DiscoveryDeps {
  presets: readonly Preset[];
  /** GET (or PROPFIND when `method` given) without credentials; never follows redirects itself; resolves undefined on any network/TLS error or timeout. */
  request(url: string, init?: { method?: 'GET' | 'PROPFIND' }): Promise<HttpAnswer | undefined>;
  /** [] when none / NXDOMAIN / error. */
  resolveSrv(name: string): Promise<SrvAnswer[]>;
  /** [] when none / NXDOMAIN / error. */
  resolveTxt(name: string): Promise<string[][]>;
}

/** One line of the wizard's "how was this found" list. */
export interface DiscoveryStep {
  step: string;
  found: boolean;
}
