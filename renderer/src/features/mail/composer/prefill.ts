/**
 * The composer's starting fields for each way it opens: a new message (the
 * account's "new" signature), a draft reopened as it was saved, or an answer
 * (see reply-prefill.ts). Asks the core only for what it needs.
 */
import type { Account, Draft, MessageSummary } from '$shared/contract/index.ts';
import { i18n } from '../../../lib/i18n/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';
import { sanitizeOutgoing, textToHtml } from './body.ts';
import type { ComposeInitial, ComposeRequest } from './compose-request.ts';
import { matchDraft } from './draft-match.ts';
import { attachmentOfDraft } from './file-path.ts';
import { replyInitial } from './reply-prefill.ts';
import { startingHtml } from './signature.ts';

export interface Prefilled {
  initial: ComposeInitial;
  maxMessageBytes: number | undefined;
}

export async function prefill(
  rpc: Rpc,
  request: ComposeRequest,
  accounts: readonly Account[],
): Promise<Prefilled> {
  if (request.kind === 'draft') {
    const draft = await rpc.invoke('mail.getDraft', { draftId: request.draftId });
    const settings = await rpc.invoke('mail.getComposeSettings', { accountId: draft.accountId });
    return { initial: draftInitial(draft), maxMessageBytes: settings.maxMessageBytes };
  }
  if (request.kind === 'draftMessage') return resumeDraftMessage(rpc, request.accountId, request.message);
  const settings = await rpc.invoke('mail.getComposeSettings', { accountId: request.accountId });
  const base = { maxMessageBytes: settings.maxMessageBytes };
  if (request.kind === 'new') {
    return {
      ...base,
      initial: {
        accountId: request.accountId,
        to: [],
        cc: [],
        bcc: [],
        subject: '',
        html: startingHtml(settings.signatureNew),
        attachments: [],
      },
    };
  }
  const [context, body] = await Promise.all([
    rpc.invoke('mail.getReplyContext', { messageId: request.message.id }),
    rpc.invoke('mail.getBody', { messageId: request.message.id }),
  ]);
  const initial = replyInitial({
    kind: request.kind,
    accountId: request.accountId,
    context,
    body,
    account: accounts.find((candidate) => candidate.id === request.accountId),
    signature: settings.signatureReply,
    locale: i18n.locale,
  });
  return { ...base, initial };
}

/** Our own draft when we know it; otherwise (written in another client) its text, as a new draft. */
async function resumeDraftMessage(rpc: Rpc, accountId: string, message: MessageSummary): Promise<Prefilled> {
  const drafts = await rpc.invoke('mail.listDrafts', { accountId });
  const known = matchDraft(message, drafts);
  if (known) return prefill(rpc, { kind: 'draft', draftId: known.id }, []);
  const [settings, body] = await Promise.all([
    rpc.invoke('mail.getComposeSettings', { accountId }),
    rpc.invoke('mail.getBody', { messageId: message.id }),
  ]);
  return {
    maxMessageBytes: settings.maxMessageBytes,
    initial: {
      accountId,
      to: message.to.map((person) => ({ name: person.name ?? '', address: person.address })),
      cc: [],
      bcc: [],
      subject: message.subject,
      html: body.html ? bodyOf(body.html) : textToHtml(body.text ?? ''),
      attachments: [],
    },
  };
}

export function draftInitial(draft: Draft): ComposeInitial {
  const message = draft.message;
  return {
    accountId: draft.accountId,
    draftId: draft.id,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    html: message.html ? bodyOf(message.html) : textToHtml(message.text),
    attachments: message.attachments.map(attachmentOfDraft),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references ? { references: message.references } : {}),
  };
}

/** The body of a saved HTML document, sanitised: a draft from another client is mail like any other. */
function bodyOf(html: string): string {
  return sanitizeOutgoing(new DOMParser().parseFromString(html, 'text/html').body.innerHTML);
}
