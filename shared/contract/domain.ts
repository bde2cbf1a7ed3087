/**
 * Domain schemas shared by the core and the renderer: accounts, servers,
 * verification reports and folders. Plain data only: no I/O, no classes.
 */
import { z } from 'zod';
import { cartableErrorSchema } from './errors.ts';

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'nom d’hôte invalide');
const portSchema = z.number().int().min(1).max(65535);

/**
 * How a connection is protected. There is deliberately no "none": Cartable
 * never sends a password in clear, so a server without TLS is refused.
 */
export const securitySchema = z.enum(['tls', 'starttls']);
export type Security = z.infer<typeof securitySchema>;

export const endpointSchema = z.object({
  host: hostSchema,
  port: portSchema,
  security: securitySchema,
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'adresse invalide');

/** Only https: a DAV password never travels over plain HTTP. */
export const httpsUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https:\/\/[^\s/]+(\/\S*)?$/, 'adresse https attendue');

/** A certificate the user chose to trust for one host and port. */
export const tlsPinSchema = z.object({
  host: hostSchema,
  port: portSchema,
  sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
});
export type TlsPin = z.infer<typeof tlsPinSchema>;

export const accountSettingsSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().max(200),
  login: z.string().trim().min(1).max(320),
  imap: endpointSchema,
  smtp: endpointSchema,
  /** Where DAV discovery starts (a server root or a SOGo `/SOGo/dav/` URL). */
  davUrl: httpsUrlSchema.optional(),
  presetId: z.string().max(64).optional(),
  tlsPins: z.array(tlsPinSchema).max(16).default([]),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
export type AccountSettingsInput = z.input<typeof accountSettingsSchema>;

/** What DAV discovery found; absent when the account has no DAV server. */
export const davHomesSchema = z.object({
  principalUrl: z.string(),
  calendarHomeUrl: z.string().optional(),
  addressBookHomeUrl: z.string().optional(),
});
export type DavHomes = z.infer<typeof davHomesSchema>;

export const accountSchema = accountSettingsSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  verifiedAt: z.string().optional(),
  dav: davHomesSchema.optional(),
});
export type Account = z.infer<typeof accountSchema>;

export const serviceNameSchema = z.enum(['imap', 'smtp', 'dav']);
export type ServiceName = z.infer<typeof serviceNameSchema>;

/** One line of the verification report: each service succeeds or fails alone. */
export const serviceCheckSchema = z.discriminatedUnion('ok', [
  z.object({ service: serviceNameSchema, ok: z.literal(true) }),
  z.object({ service: serviceNameSchema, ok: z.literal(false), error: cartableErrorSchema }),
]);
export type ServiceCheck = z.infer<typeof serviceCheckSchema>;

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  checks: z.array(serviceCheckSchema),
  dav: davHomesSchema.optional(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

export const discoverySourceSchema = z.enum(['preset', 'autoconfig', 'srv', 'guess']);
export type DiscoverySource = z.infer<typeof discoverySourceSchema>;

export const discoveryResultSchema = z.object({
  source: discoverySourceSchema,
  presetId: z.string().optional(),
  login: z.string(),
  imap: endpointSchema,
  smtp: endpointSchema,
  davUrl: httpsUrlSchema.optional(),
  /** Each step tried, in order, for the wizard's "how was this found" line. */
  steps: z.array(z.object({ step: z.string(), found: z.boolean() })),
});
export type DiscoveryResult = z.infer<typeof discoveryResultSchema>;

export const loginFormatSchema = z.enum(['email', 'localPart']);

/** An academy's servers, as shipped or as added by IT's policy file. */
export const presetSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(120),
  domains: z.array(z.string().min(1)).max(32),
  loginFormat: loginFormatSchema,
  imap: endpointSchema.optional(),
  smtp: endpointSchema.optional(),
  davUrl: httpsUrlSchema.optional(),
  webmailUrl: httpsUrlSchema.optional(),
});
export type Preset = z.infer<typeof presetSchema>;

export const specialUseSchema = z.enum(['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash']);
export type SpecialUse = z.infer<typeof specialUseSchema>;

export const folderSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  path: z.string(),
  name: z.string(),
  parentPath: z.string().optional(),
  delimiter: z.string(),
  specialUse: specialUseSchema.optional(),
  subscribed: z.boolean(),
  messages: z.number().int().optional(),
  unseen: z.number().int().optional(),
});
export type Folder = z.infer<typeof folderSchema>;

const addressSchema = z.object({ name: z.string(), address: z.string() });

/** One row of a message list: what the list shows, nothing more. */
export const messageSummarySchema = z.object({
  id: z.number().int(),
  folderId: z.string(),
  uid: z.number().int(),
  subject: z.string(),
  from: addressSchema.optional(),
  to: z.array(addressSchema),
  /** Arrival time (INTERNALDATE), milliseconds since the epoch. */
  date: z.number(),
  size: z.number().int(),
  seen: z.boolean(),
  flagged: z.boolean(),
  answered: z.boolean(),
  hasAttachments: z.boolean(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

/** A conversation row: its latest message in the folder, plus the thread's figures. */
export const conversationSummarySchema = messageSummarySchema.extend({
  threadId: z.number().int(),
  /** Messages of the thread in all the account's folders (replies in Envoyés included). */
  messageCount: z.number().int(),
  unreadCount: z.number().int(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const messageSortSchema = z.enum(['date', 'from', 'subject', 'size']);
export type MessageSort = z.infer<typeof messageSortSchema>;

/** The last storage quota the server reported (GETQUOTAROOT), for the gauge. */
export const quotaSchema = z.object({
  usageBytes: z.number(),
  limitBytes: z.number(),
  /** ok below 80 %, warning from 80 %, critical from 95 %. */
  level: z.enum(['ok', 'warning', 'critical']),
  checkedAt: z.string(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const taskStateSchema = z.enum(['pending', 'running', 'done', 'failed']);
export const taskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: taskStateSchema,
  attempts: z.number().int(),
  createdAt: z.string(),
  error: cartableErrorSchema.optional(),
});
export type Task = z.infer<typeof taskSchema>;

/** Why a stored body is partial: a limit of the core's MIME reader, by name. */
export const bodyNoteSchema = z.enum([
  'TOO_DEEP',
  'TOO_MANY_PARTS',
  'HEADER_TOO_LARGE',
  'PARSE_FAILED',
  'TOO_LARGE',
]);
export type BodyNote = z.infer<typeof bodyNoteSchema>;

/** An attachment or other non-body part; its content stays on the server until saved. */
export const bodyPartSchema = z.object({
  /** IMAP part number ("2", "1.2"); "" is the whole message (an opaque hostile one); null when unknown. */
  partId: z.string().nullable(),
  filename: z.string().nullable(),
  mimeType: z.string(),
  /** Decoded bytes when parsed, the server's estimate otherwise. */
  size: z.number().int(),
  contentId: z.string().nullable(),
  disposition: z.string().nullable(),
});
export type BodyPart = z.infer<typeof bodyPartSchema>;

/** A `cid:` image small enough to be kept for offline reading. */
export const inlinePartSchema = z.object({
  contentId: z.string(),
  mimeType: z.string(),
  base64: z.string(),
});
export type InlinePart = z.infer<typeof inlinePartSchema>;

/** A message's body as stored: the HTML is raw, the renderer's one mail view sanitises it. */
export const messageBodySchema = z.object({
  messageId: z.number().int(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  parts: z.array(bodyPartSchema),
  inline: z.array(inlinePartSchema),
  note: bodyNoteSchema.nullable(),
  /** Milliseconds since the epoch. */
  fetchedAt: z.number(),
  /** The Cc header, read with the body because the list never shows it. */
  cc: z.array(addressSchema).optional(),
});
export type MessageBody = z.infer<typeof messageBodySchema>;

/** One recipient as the compose window holds it. */
export const recipientSchema = z.object({
  name: z.string().trim().max(200).default(''),
  address: emailSchema,
});
export type Recipient = z.infer<typeof recipientSchema>;

/** A school-wide list is a few hundred addresses; thousands is a spam run, not a mail. */
export const MAX_RECIPIENTS = 500;
/** Message-IDs are short; a reply chain of a few hundred is already long. */
const messageIdRefSchema = z
  .string()
  .max(998)
  .regex(/^<[^<>\s]+>$/, 'identifiant de message attendu');

/** A file uploaded to the core's staging directory (mail.stageAttachment), named by its id. */
export const stagedAttachmentSchema = z.object({ stagedId: z.uuid(), name: z.string().max(255) });
export type StagedAttachment = z.infer<typeof stagedAttachmentSchema>;

/** The compose window's fields. The sender is the account itself (its address and display name). */
const composeFieldsSchema = z.object({
  to: z.array(recipientSchema).max(MAX_RECIPIENTS).default([]),
  cc: z.array(recipientSchema).max(MAX_RECIPIENTS).default([]),
  bcc: z.array(recipientSchema).max(MAX_RECIPIENTS).default([]),
  subject: z.string().max(998).default(''),
  /** 10 MB of typed text is far beyond any real mail. */
  text: z.string().max(10_000_000),
  html: z.string().max(10_000_000).optional(),
  /**
   * Files, read when the message is queued (a draft's, at each upload): an absolute path (the
   * desktop app knows it), or a file uploaded with mail.stageAttachment (a web page never knows
   * paths); `name` there is only for showing a reopened draft, the core keeps its own.
   */
  attachments: z
    .array(z.union([z.object({ path: z.string().min(1).max(4096) }), stagedAttachmentSchema]))
    .max(100)
    .default([]),
  inReplyTo: messageIdRefSchema.optional(),
  references: z.array(messageIdRefSchema).max(500).optional(),
});
const recipientCount = (m: z.output<typeof composeFieldsSchema>) => m.to.length + m.cc.length + m.bcc.length;

/** What the user composed, ready to send: at least one recipient. */
export const composeMessageSchema = composeFieldsSchema
  .refine((m) => recipientCount(m) > 0, { message: 'au moins un destinataire' })
  .refine((m) => recipientCount(m) <= MAX_RECIPIENTS, { message: 'trop de destinataires' });
export type ComposeMessage = z.infer<typeof composeMessageSchema>;
export type ComposeMessageInput = z.input<typeof composeMessageSchema>;

/** A message being written: the same fields, but whom to send it to may not be chosen yet. */
export const draftMessageSchema = composeFieldsSchema.refine((m) => recipientCount(m) <= MAX_RECIPIENTS, {
  message: 'trop de destinataires',
});
export type DraftMessage = z.infer<typeof draftMessageSchema>;

/**
 * A draft as the drafts list shows it. `onServer`: the latest version is the one copy in the
 * account's Drafts folder; until then the text lives only on this computer. `error`: why the
 * last upload failed (a full mailbox, no network); the local text is kept either way.
 */
export const draftSummarySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  subject: z.string(),
  to: z.array(addressSchema),
  updatedAt: z.string(),
  onServer: z.boolean(),
  error: cartableErrorSchema.optional(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;

/** A draft reopened in the compose window. */
export const draftSchema = draftSummarySchema.omit({ subject: true, to: true }).extend({
  message: draftMessageSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * scheduled: waiting for the undo delay or for the network; sending: handed to the server,
 * outcome unknown until it answers; uncertain: the connection died after the final dot, the
 * user must check (never resent automatically); sent; failed: refused; cancelled: undone, or
 * discarded by the user after an uncertain send.
 */
export const outboxStateSchema = z.enum(['scheduled', 'sending', 'sent', 'uncertain', 'failed', 'cancelled']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxItemSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  messageId: z.string(),
  subject: z.string(),
  to: z.array(addressSchema),
  state: outboxStateSchema,
  /** When the next attempt is due (ISO); the undo delay ends at the first one. */
  sendAt: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  /** Whether the copy in Sent was filed ('pending' until the APPEND succeeded). */
  sentCopy: z.enum(['pending', 'appended', 'server', 'none']),
  error: cartableErrorSchema.optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/**
 * What the user decided about an uncertain send after checking: send it again (same bytes, so
 * the same Message-ID), file it as sent, or drop it.
 */
export const uncertainDecisionSchema = z.enum(['resend', 'markSent', 'discard']);
export type UncertainDecision = z.infer<typeof uncertainDecisionSchema>;
