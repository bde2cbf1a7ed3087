/**
 * The one table of RPC methods: name → params schema → result schema.
 * Both sides derive their types from it; the core parses every incoming
 * `params` with the schema because the renderer is untrusted input.
 */
import { z } from 'zod';
import {
  accountSchema,
  accountSettingsSchema,
  composeMessageSchema,
  discoveryResultSchema,
  draftMessageSchema,
  draftSchema,
  draftSummarySchema,
  emailSchema,
  folderSchema,
  messageBodySchema,
  conversationSummarySchema,
  messageSortSchema,
  messageSummarySchema,
  outboxItemSchema,
  outboxStateSchema,
  presetSchema,
  quotaSchema,
  taskSchema,
  uncertainDecisionSchema,
  verifyReportSchema,
} from './domain.ts';

const idSchema = z.string().min(1).max(64);
/** Passwords are opaque to us but bounded: a megabyte "password" is an attack. */
const passwordSchema = z.string().min(1).max(1024);
const noParams = z.object({}).strict();
/** A draft's id is also the value of its X-Cartable-Draft header: a UUID, nothing a header could choke on. */
const draftIdSchema = z.uuid();
const mailboxSchema = z.object({ name: z.string(), address: z.string() });
/** A signature is a few lines; ten thousand characters is already a letter. */
const MAX_SIGNATURE_CHARS = 10_000;

/** The largest chunk of mail.stageAttachment, decoded: 512 KiB is about 700 KB of base64. */
export const STAGE_CHUNK_BYTES = 512 * 1024;

/** A sorted page of one folder, for the flat and the conversation lists alike. */
const folderPageSchema = z
  .object({
    folderId: idSchema,
    sort: messageSortSchema.default('date'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** A screen is at most a few hundred rows; the virtual list asks again as it scrolls. */
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

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
    params: folderPageSchema,
    result: z.object({ total: z.number().int(), messages: z.array(messageSummarySchema) }),
  },
  /** The body of a message: from the database, or fetched from the server and stored first. */
  'mail.getBody': {
    params: z.object({ messageId: z.number().int().min(1) }).strict(),
    result: messageBodySchema,
  },
  /**
   * An invitation's iCalendar text (a text/calendar part the body lists), for the reader's card;
   * null when larger than the card reads or gone from the server.
   */
  'mail.readCalendarPart': {
    params: z
      .object({
        messageId: z.number().int().min(1),
        partId: z
          .string()
          .max(40)
          .regex(/^\d+(\.\d+)*$/),
      })
      .strict(),
    result: z.object({ text: z.string().nullable() }),
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
   * A free file path in the user's Downloads folder for an attachment's name (made safe), for
   * hosts without a save dialog; pass it to mail.saveAttachment.
   */
  'mail.downloadPath': {
    params: z.object({ filename: z.string().max(1000) }).strict(),
    result: z.object({ path: z.string() }),
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
    result: z.object({
      /** Matches counted, at most max(1000, offset + limit): counting every match is as slow as sorting them. */
      total: z.number().int(),
      /** More matches exist than `total`: shown as « plus de {total} ». */
      totalCapped: z.boolean(),
      messages: z.array(messageSummarySchema),
    }),
  },
  /** A page of a folder as conversations (one row per thread). */
  'mail.listConversations': {
    params: folderPageSchema,
    result: z.object({ total: z.number().int(), conversations: z.array(conversationSummarySchema) }),
  },
  /** A new folder (at the top, or inside `parentId`): shown at once, created on the server by a task. */
  'mail.createFolder': {
    params: z
      .object({ accountId: idSchema, parentId: idSchema.optional(), name: z.string().max(200) })
      .strict(),
    result: z.object({ folderId: z.string(), taskId: z.string() }),
  },
  'mail.renameFolder': {
    params: z.object({ folderId: idSchema, name: z.string().max(200) }).strict(),
    result: z.object({ taskId: z.string() }),
  },
  /** Deletes the folder, its subfolders and their messages, on the server too. */
  'mail.deleteFolder': {
    params: z.object({ folderId: idSchema }).strict(),
    result: z.object({ taskId: z.string() }),
  },
  /** All messages of one conversation across the account's folders, oldest first. */
  'mail.listThread': {
    params: z.object({ threadId: z.number().int() }).strict(),
    result: z.array(messageSummarySchema),
  },
  /**
   * Applies an action to messages of one account at once, then replays it to the server
   * after an undo window. `delete` moves to Trash (inside Trash it is for good); `junk` to Junk.
   */
  'mail.act': {
    params: z
      .object({
        messageIds: z.array(z.number().int()).min(1).max(5000),
        action: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('markRead'), value: z.boolean() }).strict(),
          z.object({ kind: z.literal('flag'), value: z.boolean() }).strict(),
          z.object({ kind: z.literal('move'), folderId: idSchema }).strict(),
          z.object({ kind: z.literal('delete') }).strict(),
          z.object({ kind: z.literal('junk') }).strict(),
        ]),
      })
      .strict(),
    result: z.object({ actionId: z.string(), undoableUntil: z.number().int() }),
  },
  /**
   * Cancels an action still inside its undo window; undoing twice is harmless. After the window, or
   * once the replay started, it is refused with UNDO_EXPIRED: the server may already have moved
   * or expunged the messages.
   */
  'mail.undo': {
    params: z.object({ actionId: idSchema }).strict(),
    result: z.object({ undone: z.literal(true) }),
  },
  /** Removes for good the messages known to be in the account's Trash (not undoable). */
  'mail.emptyTrash': {
    params: z.object({ accountId: idSchema }).strict(),
    result: z.object({ taskId: z.string() }),
  },
  /** The account's last known quota; null when the server reports none. */
  'mail.getQuota': {
    params: z.object({ accountId: idSchema }).strict(),
    result: quotaSchema.nullable(),
  },
  /** Queues a message: it leaves after the undo delay (or when the network is back). */
  'mail.send': {
    params: z
      .object({
        accountId: idSchema,
        message: composeMessageSchema,
        /** The user's undo window (the settings offer a few seconds; 0 sends at once). */
        undoDelayMs: z.number().int().min(0).max(60_000).optional(),
        /** The draft this message was written in: removed, here and on the server, once it is sent. */
        draftId: draftIdSchema.optional(),
      })
      .strict(),
    result: z.object({ outboxId: z.string(), sendAt: z.string() }),
  },
  /**
   * Uploads a file for an attachment, chunk by chunk, to the core's staging directory: the first
   * chunk has no `uploadId` and gets one; the `final` chunk gives the `stagedId` that mail.send
   * and mail.saveDraft accept. `size` is the bytes received so far. Chunks stay well under the
   * browser host's 1 MB WebSocket message cap once in base64.
   */
  'mail.stageAttachment': {
    params: z
      .object({
        uploadId: z.uuid().optional(),
        name: z.string().min(1).max(255),
        type: z.string().max(255),
        chunkBase64: z.base64().max(Math.ceil(STAGE_CHUNK_BYTES / 3) * 4),
        final: z.boolean(),
      })
      .strict(),
    result: z.object({ uploadId: z.string(), stagedId: z.string().optional(), size: z.number().int() }),
  },
  /** Undo send: true when the message had not left yet and never will. */
  'mail.cancelSend': {
    params: z.object({ outboxId: idSchema }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  /**
   * The user's decision on an 'uncertain' send, after checking with the recipients or in Sent:
   * `resend` sends the same message again as a new task (same Message-ID, so the recipients'
   * clients can drop a double), `markSent` files it as sent (its copy appended to Sent),
   * `discard` drops it. Any other item is refused with SEND_NOT_UNCERTAIN.
   */
  'mail.resolveUncertain': {
    params: z.object({ outboxId: idSchema, decision: uncertainDecisionSchema }).strict(),
    result: z.object({ state: outboxStateSchema }),
  },
  /** Outbox items, newest first, of one account or of all. */
  'mail.outbox': {
    params: z.object({ accountId: idSchema.optional() }).strict(),
    result: z.array(outboxItemSchema),
  },
  /**
   * Stores the draft on this computer at once (new when `draftId` is absent), then a task puts
   * this version in the account's Drafts folder and only then removes the previous copy there.
   */
  'mail.saveDraft': {
    params: z
      .object({ accountId: idSchema, draftId: draftIdSchema.optional(), message: draftMessageSchema })
      .strict(),
    result: z.object({ draftId: z.string() }),
  },
  /** A draft to reopen in the compose window; DRAFT_NOT_FOUND once sent or deleted. */
  'mail.getDraft': {
    params: z.object({ draftId: draftIdSchema }).strict(),
    result: draftSchema,
  },
  /** Drafts, last edited first, of one account or of all. */
  'mail.listDrafts': {
    params: z.object({ accountId: idSchema.optional() }).strict(),
    result: z.array(draftSummarySchema),
  },
  /** Gone from here at once; a task removes the copy in the Drafts folder. Deleting twice is harmless. */
  'mail.deleteDraft': {
    params: z.object({ draftId: draftIdSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /**
   * Addresses already seen (senders and recipients of cached mail) whose name words or address
   * start with `query`, accent- and case-insensitive; people the user wrote to come first.
   */
  'mail.suggestAddresses': {
    params: z
      .object({
        query: z.string().min(1).max(200),
        /** A dropdown shows a handful; more is a scan, not a suggestion. */
        limit: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
    result: z.object({ suggestions: z.array(z.object({ name: z.string(), address: z.string() })) }),
  },
  /**
   * The account's signatures (plain text, "" when none) and the submission server's SIZE limit
   * (RFC 1870) when known; the compose window warns before a message would be refused.
   */
  'mail.getComposeSettings': {
    params: z.object({ accountId: idSchema }).strict(),
    result: z.object({
      signatureNew: z.string(),
      signatureReply: z.string(),
      maxMessageBytes: z.number().int().positive().optional(),
    }),
  },
  /** Replaces both signatures of the account: one for new mail, one for replies and forwards. */
  'mail.setSignatures': {
    params: z
      .object({
        accountId: idSchema,
        signatureNew: z.string().max(MAX_SIGNATURE_CHARS),
        signatureReply: z.string().max(MAX_SIGNATURE_CHARS),
      })
      .strict(),
    result: z.object({}),
  },
  /**
   * What a reply or forward needs of the original beyond its summary, shaped for
   * shared/mail/reply.ts (buildReply/buildForward): add the body from mail.getBody.
   */
  'mail.getReplyContext': {
    params: z.object({ messageId: z.number().int().min(1) }).strict(),
    result: z.object({
      from: mailboxSchema.optional(),
      /** Empty when the message has none, or names only its sender. */
      replyTo: z.array(mailboxSchema),
      to: z.array(mailboxSchema),
      cc: z.array(mailboxSchema),
      subject: z.string(),
      /** Milliseconds since the epoch: the Date header, else the arrival time. */
      date: z.number(),
      /** The original's Message-ID, with its angle brackets. */
      messageId: z.string().optional(),
      references: z.array(z.string()),
    }),
  },
  /** Senders whose remote images are always shown (lowercased addresses), one list per profile. */
  'mail.getRemoteContentSenders': {
    params: noParams,
    result: z.object({ senders: z.array(z.string()) }),
  },
  /** Adds (allow) or removes a sender from that list; every window hears mail.remoteContentChanged. */
  'mail.allowRemoteContent': {
    params: z.object({ sender: emailSchema.toLowerCase(), allow: z.boolean() }).strict(),
    result: z.object({}),
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
