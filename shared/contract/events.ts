/**
 * The one table of events the core pushes. Events say *what changed*, never
 * carry the new truth: the renderer re-queries what it shows.
 */
import { z } from 'zod';
import { serviceNameSchema, taskStateSchema } from './domain.ts';

export const events = {
  'accounts.changed': z.object({}),
  /** Verification steps as they run, so the wizard can show progress per service. */
  'accounts.progress': z.object({
    email: z.string(),
    service: serviceNameSchema,
    state: z.enum(['running', 'ok', 'failed']),
  }),
  'mail.foldersChanged': z.object({ accountId: z.string() }),
  /** Messages of these folders changed (one collapsed event per account after commits). */
  'mail.changed': z.object({ accountId: z.string(), folderIds: z.array(z.string()) }),
  /** New quota figures for the gauge. */
  'mail.quotaChanged': z.object({ accountId: z.string() }),
  /** Usage rose past 80 % (warning) or 95 % (critical): warn the user once. */
  'mail.quotaAlert': z.object({
    accountId: z.string(),
    level: z.enum(['warning', 'critical']),
    usageBytes: z.number(),
    limitBytes: z.number(),
  }),
  /** How far a folder's first sync is, for the folder pane. */
  'mail.syncProgress': z.object({
    accountId: z.string(),
    folderId: z.string(),
    synced: z.number().int(),
    total: z.number().int(),
  }),
  /**
   * A later sync of an inbox brought unseen messages (never its first sync): for a system
   * notification and the badge. The newest one's sender and subject only, never its body.
   */
  'mail.newMail': z.object({
    accountId: z.string(),
    folderId: z.string(),
    count: z.number().int(),
    latest: z.object({ from: z.string(), subject: z.string() }).optional(),
  }),
  /** Outbox items of this account were queued, sent, cancelled or failed. */
  'mail.outboxChanged': z.object({ accountId: z.string() }),
  /** Drafts of this account were saved, uploaded, sent or deleted. */
  'mail.draftsChanged': z.object({ accountId: z.string() }),
  /** The list of senders whose remote images are always shown changed. */
  'mail.remoteContentChanged': z.object({}),
  'tasks.changed': z.object({ taskId: z.string(), kind: z.string(), state: taskStateSchema }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
