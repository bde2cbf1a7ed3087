/**
 * What a host hands the core. Each port is small so the Electron shell, the
 * browser host and the tests can each fill it in their own way.
 */
import type { Preset } from '../../shared/contract/index.ts';

/** The OS keychain (or an in-memory stand-in for unit tests). Never a file. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export type LogFields = Record<string, string | number | boolean | undefined>;

/** Never given a password: callers log hosts, codes and counts only. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface Notifier {
  notify(notification: { title: string; body: string }): void;
}

export interface CorePorts {
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
}

export interface CoreOptions {
  /** SQLite file of the profile, or ':memory:' for tests. */
  databasePath: string;
  version: string;
  /** Presets IT added through its policy file, after the built-in ones. */
  extraPresets?: readonly Preset[];
  /** Certificate authorities trusted beyond the public ones (an academy CA, the test stack's CA). */
  extraCaPem?: readonly string[];
  /** DNS servers for discovery (tests point this at a loopback resolver). */
  dnsServers?: readonly string[];
  /** Test-only: connect to hostname X at "127.0.0.1:PORT" while verifying X's certificate. */
  hostMap?: Readonly<Record<string, string>>;
  /** Which IMAP extensions the mail sync may use (all by default; tests force each path). */
  syncExtensions?: { qresync: boolean; condstore: boolean };
  /** IDLE on every inbox and a periodic sync of every account (default true; off for tests that sync by hand). */
  watchMail?: boolean;
  /** Fetch the bodies of this school year's mail during syncs (default true), for offline reading and search. */
  recentBodies?: boolean;
  /** How often every account is synced in the background (default 5 minutes). */
  pollIntervalMs?: number;
  /** Network timeout for one connection attempt, in ms. */
  connectTimeoutMs?: number;
  /** Where attachments are saved when the host has no save dialog (default ~/Downloads). */
  downloadsDir?: string;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentNotifier: Notifier = { notify: () => undefined };
