/**
 * Client-side checks of the wizard's fields, using the contract's own
 * schemas so the form refuses exactly what the core would refuse, but with
 * a French sentence next to the field instead of INVALID_PARAMS afterwards.
 */
import { emailSchema, endpointSchema, httpsUrlSchema, type Security } from '$shared/contract/index.ts';
import type { MessageKey } from '../../lib/i18n/index.ts';

export interface IdentityForm {
  displayName: string;
  email: string;
  password: string;
}

export interface EndpointForm {
  host: string;
  /** Kept as typed text; parsed only when the form is submitted. */
  port: string;
  security: Security;
}

export interface ServerForm {
  login: string;
  imap: EndpointForm;
  smtp: EndpointForm;
  davUrl: string;
}

export type IdentityField = keyof IdentityForm;
export type ServerField = 'login' | 'imapHost' | 'imapPort' | 'smtpHost' | 'smtpPort' | 'davUrl';
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;

/** Mirrors the contract's bounds (methods.ts / domain.ts). */
const MAX_NAME = 200;
const MAX_LOGIN = 320;
const MAX_PASSWORD = 1024;

const hostSchema = endpointSchema.shape.host;

export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const port = Number(text.trim());
  return port >= 1 && port <= 65535 ? port : undefined;
}

export function validateIdentity(form: IdentityForm): FieldErrors<IdentityField> {
  const errors: FieldErrors<IdentityField> = {};
  if (form.displayName.trim().length > MAX_NAME) errors.displayName = 'validation.tooLong';
  if (form.email.trim() === '') errors.email = 'validation.required';
  else if (!emailSchema.safeParse(form.email).success) errors.email = 'validation.email';
  if (form.password === '') errors.password = 'validation.required';
  else if (form.password.length > MAX_PASSWORD) errors.password = 'validation.tooLong';
  return errors;
}

function checkHost(host: string): MessageKey | undefined {
  if (host.trim() === '') return 'validation.required';
  return hostSchema.safeParse(host).success ? undefined : 'validation.host';
}

function checkPort(port: string): MessageKey | undefined {
  if (port.trim() === '') return 'validation.required';
  return parsePort(port) === undefined ? 'validation.port' : undefined;
}

export function validateServers(form: ServerForm): FieldErrors<ServerField> {
  const errors: FieldErrors<ServerField> = {};
  const login = form.login.trim();
  if (login === '') errors.login = 'validation.required';
  else if (login.length > MAX_LOGIN) errors.login = 'validation.tooLong';
  const found: [ServerField, MessageKey | undefined][] = [
    ['imapHost', checkHost(form.imap.host)],
    ['imapPort', checkPort(form.imap.port)],
    ['smtpHost', checkHost(form.smtp.host)],
    ['smtpPort', checkPort(form.smtp.port)],
    [
      'davUrl',
      form.davUrl.trim() && !httpsUrlSchema.safeParse(form.davUrl).success ? 'validation.davUrl' : undefined,
    ],
  ];
  for (const [field, key] of found) if (key) errors[field] = key;
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}
