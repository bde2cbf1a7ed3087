/**
 * The starting fields of a reply, reply-all or forward.
 * PROVISIONAL until shared/mail's reply functions land.
 */
import type { Account, MessageBody } from '$shared/contract/index.ts';
import { escapeHtml, textToHtml } from './body.ts';
import type { ComposeInitial, ComposeRequest, ReplyKind } from './compose-request.ts';
import { startingHtml } from './signature.ts';

type ReplyRequest = Extract<ComposeRequest, { kind: ReplyKind }>;

export function replyInitial(
  request: ReplyRequest,
  body: MessageBody,
  account: Account | undefined,
  signature: string,
): ComposeInitial {
  const original = request.message;
  const self = account?.email.toLowerCase();
  const from = original.from ? [{ name: original.from.name ?? '', address: original.from.address }] : [];
  const others = original.to
    .filter((person) => person.address.toLowerCase() !== self)
    .map((person) => ({ name: person.name ?? '', address: person.address }));
  const to = request.kind === 'forward' ? [] : request.kind === 'replyAll' ? [...from, ...others] : from;
  const prefix = request.kind === 'forward' ? 'Tr : ' : 'Re : ';
  const quote = `<blockquote>${textToHtml(body.text ?? '')}</blockquote>`;
  const attribution = `<p>${escapeHtml(original.from?.address ?? '')} :</p>`;
  return {
    accountId: request.accountId,
    to,
    cc: [],
    bcc: [],
    subject: prefix + original.subject,
    html: startingHtml(signature, attribution + quote),
    attachments: [],
  };
}
