/**
 * The account use cases. An account is saved only after every service
 * verified; its password goes to the keychain first and is removed again if
 * the database write fails, so neither store holds half an account.
 */
import { randomUUID } from 'node:crypto';
import {
  CartableError,
  type Account,
  type AccountSettings,
  type Result,
  type VerifyReport,
} from '../../../shared/contract/index.ts';
import type { Clock, SecretStore } from '../ports.ts';
import type { AccountRepository } from './repository.ts';
import { verifyAccount, type VerifyContext } from './verify.ts';

export function secretKey(accountId: string): string {
  return `account:${accountId}`;
}

export interface AccountServiceDeps {
  repository: AccountRepository;
  secrets: SecretStore;
  clock: Clock;
  verifyContext(email: string): VerifyContext;
  onChanged(): void;
  onSaved(account: Account): void;
  onRemoved(accountId: string): void;
}

type SaveOutcome = Result<'accounts.add'>;

export class AccountService {
  readonly #deps: AccountServiceDeps;

  constructor(deps: AccountServiceDeps) {
    this.#deps = deps;
  }

  list(): Account[] {
    return this.#deps.repository.list();
  }

  require(id: string): Account {
    const account = this.#deps.repository.get(id);
    if (!account) throw new CartableError('ACCOUNT_NOT_FOUND', { id });
    return account;
  }

  async password(accountId: string): Promise<string> {
    const secret = await this.#deps.secrets.get(secretKey(accountId));
    if (secret === undefined) throw new CartableError('AUTH_FAILED', { service: 'keychain' });
    return secret;
  }

  async add(settings: AccountSettings, password: string): Promise<SaveOutcome> {
    const { repository, secrets, clock } = this.#deps;
    if (repository.findByEmail(settings.email))
      throw new CartableError('ACCOUNT_EXISTS', { email: settings.email });
    const report = await this.#verify(settings, password);
    if (!report.ok) return { report };
    const id = randomUUID();
    await secrets.set(secretKey(id), password);
    let account: Account;
    try {
      account = repository.insert(id, settings, report.dav, clock.now().toISOString());
    } catch (error) {
      await secrets.delete(secretKey(id));
      throw error;
    }
    this.#saved(account);
    return { report, account };
  }

  async verify(id: string, newPassword: string | undefined): Promise<VerifyReport> {
    const account = this.require(id);
    return this.#verify(account, newPassword ?? (await this.password(id)));
  }

  async update(id: string, settings: AccountSettings, newPassword: string | undefined): Promise<SaveOutcome> {
    const { repository, secrets, clock } = this.#deps;
    this.require(id);
    const other = repository.findByEmail(settings.email);
    if (other && other.id !== id) throw new CartableError('ACCOUNT_EXISTS', { email: settings.email });
    const password = newPassword ?? (await this.password(id));
    const report = await this.#verify(settings, password);
    if (!report.ok) return { report };
    if (newPassword !== undefined) await secrets.set(secretKey(id), newPassword);
    const account = repository.update(id, settings, report.dav, clock.now().toISOString());
    this.#saved(account);
    return { report, account };
  }

  async remove(id: string): Promise<boolean> {
    const removed = this.#deps.repository.remove(id);
    await this.#deps.secrets.delete(secretKey(id));
    if (removed) {
      this.#deps.onRemoved(id);
      this.#deps.onChanged();
    }
    return removed;
  }

  #verify(settings: AccountSettings, password: string): Promise<VerifyReport> {
    return verifyAccount(settings, password, this.#deps.verifyContext(settings.email));
  }

  #saved(account: Account): void {
    this.#deps.onChanged();
    this.#deps.onSaved(account);
  }
}
