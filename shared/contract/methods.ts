/**
 * The one table of RPC methods: name → params schema → result schema.
 * Both sides derive their types from it; the core parses every incoming
 * `params` with the schema because the renderer is untrusted input.
 */
import { z } from 'zod';
import {
  accountSchema,
  accountSettingsSchema,
  discoveryResultSchema,
  emailSchema,
  folderSchema,
  messageBodySchema,
  messageSortSchema,
  messageSummarySchema,
  presetSchema,
  quotaSchema,
  taskSchema,
  verifyReportSchema,
} from './domain.ts';

const idSchema = z.string().min(1).max(64);
/** Passwords are opaque to us but bounded: a megabyte "password" is an attack. */
const passwordSchema = z.string().min(1).max(1024);
const noParams = z.object({}).strict();

const saveOutcomeSchema = z.object({
  report: verifyReportSchema,
  account: accountSchema.optional(),
});

export const methods = {
  'app.info': {
    params: noParams,
    result: z.object({ version: z.string(), schemaVersion: z.number().int() }),
  },
  'presets.list': {
    params: noParams,
    result: z.array(presetSchema),
  },
  'accounts.discover': {
    params: z.object({ email: emailSchema }).strict(),
    result: discoveryResultSchema,
  },
  /** Verifies the servers with the password and saves the account only if every check passed. */
  'accounts.add': {
    params: z.object({ settings: accountSettingsSchema, password: passwordSchema }).strict(),
    result: saveOutcomeSchema,
  },
  'accounts.list': {
    params: noParams,
    result: z.array(accountSchema),
  },
  /** Re-verifies a saved account with its stored password (or a new one). */
  'accounts.verify': {
    params: z.object({ id: idSchema, password: passwordSchema.optional() }).strict(),
    result: verifyReportSchema,
  },
  /** Replaces the settings; servers are verified again before anything is saved. */
  'accounts.update': {
    params: z
      .object({ id: idSchema, settings: accountSettingsSchema, password: passwordSchema.optional() })
      .strict(),
    result: saveOutcomeSchema,
  },
  'accounts.remove': {
    params: z.object({ id: idSchema }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  'mail.listFolders': {
    params: z.object({ accountId: idSchema }).strict(),
    result: z.array(folderSchema),
  },
  /** Queues a sync of the account (folder list, then every folder's messages) as a persisted task. */
  'mail.syncAccount': {
    params: z.object({ accountId: idSchema }).strict(),
    result: z.object({ taskId: z.string() }),
  },
  /** A page of a folder's messages, as a flat list. */
  'mail.listMessages': {
    params: z
      .object({
        folderId: idSchema,
        sort: messageSortSchema.default('date'),
        order: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        /** A screen is at most a few hundred rows; the virtual list asks again as it scrolls. */
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    result: z.object({ total: z.number().int(), messages: z.array(messageSummarySchema) }),
  },
  /** The body of a message: from the database, or fetched from the server and stored first. */
  'mail.getBody': {
    params: z.object({ messageId: z.number().int().min(1) }).strict(),
    result: messageBodySchema,
  },
  /**
   * Streams one part from the server to a new file. `destination` is an absolute file path the
   * host chose; an existing file is never overwritten.
   */
  'mail.saveAttachment': {
    params: z
      .object({
        messageId: z.number().int().min(1),
        /** IMAP part number, or "" for the whole message source. */
        partId: z
          .string()
          .max(200)
          .regex(/^(\d{1,4}(\.\d{1,4}){0,49})?$/),
        destination: z.string().min(1).max(4096),
      })
      .strict(),
    result: z.object({ path: z.string(), size: z.number().int() }),
  },
  /**
   * Full-text search with operators (de:, à:, objet:, pj:, avant:, après:, taille>), newest first.
   * Scope: the folder, else every folder of the account, else every account.
   */
  'mail.search': {
    params: z
      .object({
        query: z.string().max(500),
        accountId: idSchema.optional(),
        folderId: idSchema.optional(),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    result: z.object({ total: z.number().int(), messages: z.array(messageSummarySchema) }),
  },
  /** The account's last known quota; null when the server reports none. */
  'mail.getQuota': {
    params: z.object({ accountId: idSchema }).strict(),
    result: quotaSchema.nullable(),
  },
  'tasks.list': {
    params: noParams,
    result: z.array(taskSchema),
  },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults not yet applied). */
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
/** What the core's handler receives (after validation and defaults). */
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
