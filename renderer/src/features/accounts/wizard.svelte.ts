/**
 * The account wizard's state: who (name, address, password) → which servers
 * (discovered, or typed for "Autre serveur") → verification by the core.
 * The password lives only here, in memory, until the core has it; it is
 * never written to storage or a URL and is cleared once the account exists.
 */
import type {
  Account,
  CartableErrorShape,
  DiscoveryResult,
  DiscoverySource,
  Params,
  Preset,
  Security,
  ServiceName,
  TlsPin,
  VerifyReport,
} from '$shared/contract/index.ts';
import { standardPorts } from '$shared/presets.ts';
import { toErrorShape, type Rpc } from '../../lib/rpc/index.ts';
import type { LoadStatus } from '../../lib/query/live-query.svelte.ts';
import { pinFromError, withPin } from './fingerprint.ts';
import {
  hasErrors,
  parsePort,
  validateIdentity,
  validateServers,
  type FieldErrors,
  type IdentityField,
  type IdentityForm,
  type ServerField,
  type ServerForm,
} from './validation.ts';

export type WizardStep = 'identity' | 'discovering' | 'servers' | 'verifying' | 'result';
export type CheckState = 'waiting' | 'running' | 'ok' | 'failed' | 'skipped';
/** Where the server settings came from, for the "how was this found" sentence. */
export type ServerOrigin = { source: DiscoverySource; presetLabel?: string } | { source: 'manual' };

export interface Problem {
  service?: ServiceName;
  error: CartableErrorShape;
  /** The certificate the user may choose to trust, for TLS_UNTRUSTED / TLS_CHANGED. */
  pin?: TlsPin;
}

/** The "Autre serveur" choice in the preset list (a value no preset id can take: ids have no colon in practice). */
export const OTHER_SERVER = ':other';
export const services: readonly ServiceName[] = ['imap', 'smtp', 'dav'];

type Settings = Params<'accounts.add'>['settings'];

function standardServers(login: string): ServerForm {
  return {
    login,
    imap: { host: '', port: String(standardPorts.imap.tls), security: 'tls' },
    smtp: { host: '', port: String(standardPorts.smtp.tls), security: 'tls' },
    davUrl: '',
  };
}

function problemFor(error: CartableErrorShape, service?: ServiceName): Problem {
  const pin = pinFromError(error);
  return { error, ...(service ? { service } : {}), ...(pin ? { pin } : {}) };
}

export class WizardState {
  step = $state<WizardStep>('identity');
  presets = $state<Preset[]>([]);
  presetsStatus = $state<LoadStatus>('loading');
  /** A preset id or OTHER_SERVER; nothing chosen means "find it from my address". */
  choice = $state<string | undefined>();
  identity = $state<IdentityForm>({ displayName: '', email: '', password: '' });
  identityErrors = $state<FieldErrors<IdentityField>>({});
  servers = $state<ServerForm>(standardServers(''));
  serverErrors = $state<FieldErrors<ServerField>>({});
  origin = $state<ServerOrigin>({ source: 'manual' });
  discoverySteps = $state<DiscoveryResult['steps']>([]);
  discoveryError = $state<CartableErrorShape | undefined>();
  advancedOpen = $state(false);
  presetId = $state<string | undefined>();
  tlsPins = $state<TlsPin[]>([]);
  checks = $state<Record<ServiceName, CheckState>>({ imap: 'waiting', smtp: 'waiting', dav: 'waiting' });
  /** DAV has a line only when there is a DAV server to check. */
  davChecked = $state(false);
  problems = $state<Problem[]>([]);

  readonly stepNumber = $derived(
    this.step === 'identity' ? 1 : this.step === 'discovering' || this.step === 'servers' ? 2 : 3,
  );
  readonly chosenPreset = $derived(this.presets.find((preset) => preset.id === this.choice));

  readonly #rpc: Rpc;
  readonly #onDone: (account: Account) => void;

  constructor(rpc: Rpc, onDone: (account: Account) => void) {
    this.#rpc = rpc;
    this.#onDone = onDone;
  }

  async loadPresets(): Promise<void> {
    try {
      this.presets = await this.#rpc.invoke('presets.list', {});
      this.presetsStatus = 'ready';
    } catch {
      // Not fatal: discovery from the address still works without the list.
      this.presetsStatus = 'error';
    }
  }

  async submitIdentity(): Promise<void> {
    this.identityErrors = validateIdentity(this.identity);
    if (hasErrors(this.identityErrors)) return;
    this.identity.email = this.identity.email.trim();
    if (this.choice === OTHER_SERVER) {
      this.#startManual();
      return;
    }
    this.step = 'discovering';
    this.discoveryError = undefined;
    try {
      const found = await this.#rpc.invoke('accounts.discover', { email: this.identity.email });
      if (this.step === 'discovering') this.#applyDiscovery(found);
    } catch (error) {
      if (this.step !== 'discovering') return;
      const preset = this.chosenPreset;
      if (preset?.imap && preset.smtp) {
        this.#applyPreset(preset, preset.imap, preset.smtp);
      } else {
        this.#startManual();
        this.discoveryError = toErrorShape(error);
      }
    }
  }

  #applyDiscovery(found: DiscoveryResult): void {
    const label = this.presets.find((preset) => preset.id === found.presetId)?.label;
    this.servers = {
      login: found.login,
      imap: { host: found.imap.host, port: String(found.imap.port), security: found.imap.security },
      smtp: { host: found.smtp.host, port: String(found.smtp.port), security: found.smtp.security },
      davUrl: found.davUrl ?? '',
    };
    this.origin = { source: found.source, ...(label ? { presetLabel: label } : {}) };
    this.presetId = found.presetId ?? this.chosenPreset?.id;
    this.discoverySteps = found.steps;
    this.advancedOpen = false;
    this.serverErrors = {};
    this.step = 'servers';
  }

  #applyPreset(preset: Preset, imap: NonNullable<Preset['imap']>, smtp: NonNullable<Preset['smtp']>): void {
    this.#applyDiscovery({
      source: 'preset',
      presetId: preset.id,
      login: this.identity.email,
      imap,
      smtp,
      ...(preset.davUrl ? { davUrl: preset.davUrl } : {}),
      steps: [],
    });
  }

  #startManual(): void {
    this.servers = standardServers(this.identity.email);
    this.origin = { source: 'manual' };
    this.presetId = undefined;
    this.discoverySteps = [];
    this.advancedOpen = true;
    this.serverErrors = {};
    this.step = 'servers';
  }

  /** Switching TLS ↔ STARTTLS proposes that mode's standard port, unless the user typed another. */
  setSecurity(service: 'imap' | 'smtp', security: Security): void {
    const endpoint = this.servers[service];
    const port = endpoint.port.trim();
    if (port === '' || parsePort(port) === standardPorts[service][endpoint.security])
      endpoint.port = String(standardPorts[service][security]);
    endpoint.security = security;
  }

  backToIdentity(): void {
    this.step = 'identity';
  }

  editServers(): void {
    this.advancedOpen = true;
    this.step = 'servers';
  }

  async connect(): Promise<void> {
    this.serverErrors = validateServers(this.servers);
    if (hasErrors(this.serverErrors)) {
      this.advancedOpen = true;
      return;
    }
    await this.verify();
  }

  /**
   * Trusts the certificate a problem offers and verifies again with it pinned. The same
   * certificate shown on other ports of the report (IMAP, SMTP, DAV of one server) is
   * pinned with it: the person confirmed that certificate once, not three times.
   */
  async trust(problem: Problem): Promise<void> {
    const chosen = problem.pin;
    if (!chosen) return;
    const sameCertificate = this.problems.flatMap((p) => (p.pin?.sha256 === chosen.sha256 ? [p.pin] : []));
    this.tlsPins = [chosen, ...sameCertificate].reduce((pins, pin) => withPin(pins, pin), this.tlsPins);
    await this.verify();
  }

  async verify(): Promise<void> {
    const settings = this.#settings();
    const email = settings.email.toLowerCase();
    this.step = 'verifying';
    this.problems = [];
    this.checks = { imap: 'waiting', smtp: 'waiting', dav: 'waiting' };
    this.davChecked = settings.davUrl !== undefined;
    const stop = this.#rpc.subscribe('accounts.progress', (progress) => {
      if (progress.email.trim().toLowerCase() !== email) return;
      this.checks[progress.service] = progress.state;
      if (progress.service === 'dav') this.davChecked = true;
    });
    try {
      const outcome = await this.#rpc.invoke('accounts.add', { settings, password: this.identity.password });
      this.#applyReport(outcome.report);
      this.step = 'result';
      if (outcome.account) {
        this.identity.password = '';
        this.#onDone(outcome.account);
      }
    } catch (error) {
      this.#settleChecks();
      this.problems = [problemFor(toErrorShape(error))];
      this.step = 'result';
    } finally {
      stop();
    }
  }

  #applyReport(report: VerifyReport): void {
    for (const check of report.checks) {
      this.checks[check.service] = check.ok ? 'ok' : 'failed';
      if (check.service === 'dav') this.davChecked = true;
    }
    this.#settleChecks();
    this.problems = report.checks.flatMap((check) =>
      check.ok ? [] : [problemFor(check.error, check.service)],
    );
    if (!report.ok && this.problems.length === 0) this.problems = [problemFor({ code: 'INTERNAL' })];
  }

  /** Lines the core never reported on were not checked: say so rather than spin forever. */
  #settleChecks(): void {
    for (const service of services) {
      const state = this.checks[service];
      if (state === 'waiting' || state === 'running') this.checks[service] = 'skipped';
    }
  }

  #settings(): Settings {
    const { login, imap, smtp, davUrl } = this.servers;
    return {
      email: this.identity.email.trim(),
      displayName: this.identity.displayName.trim(),
      login: login.trim(),
      imap: { host: imap.host.trim(), port: parsePort(imap.port) ?? 0, security: imap.security },
      smtp: { host: smtp.host.trim(), port: parsePort(smtp.port) ?? 0, security: smtp.security },
      // Plain copies: $state proxies cannot cross a structured clone (Electron's bridge).
      tlsPins: $state.snapshot(this.tlsPins),
      ...(davUrl.trim() ? { davUrl: davUrl.trim() } : {}),
      ...(this.presetId ? { presetId: this.presetId } : {}),
    };
  }

  /** Forget the password when the wizard goes away without finishing. */
  dispose(): void {
    this.identity.password = '';
  }
}
