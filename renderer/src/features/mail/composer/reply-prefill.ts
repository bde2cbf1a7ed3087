/**
 * The starting fields of a reply, reply-all or forward, from shared/mail's
 * pure functions (recipients without the user's own address, unstacked
 * "RE :"/"TR :", In-Reply-To and References, the attribution and quote in
 * the interface language). The original's HTML is sanitised before it enters
 * the editor: it is mail like any other.
 */
import type { Account, MessageBody, Result } from '$shared/contract/index.ts';
import { buildForward, buildReply, type ComposeLocale } from '$shared/mail/reply.ts';
import { sanitizeOutgoing } from './body.ts';
import type { ComposeInitial, ReplyKind } from './compose-request.ts';
import { startingHtml } from './signature.ts';

export interface ReplySource {
  kind: ReplyKind;
  accountId: string;
  context: Result<'mail.getReplyContext'>;
  body: MessageBody;
  account: Account | undefined;
  signature: string;
  locale: ComposeLocale;
}

export function replyInitial(source: ReplySource): ComposeInitial {
  const { context, body, locale } = source;
  const original = {
    ...context,
    text: body.text,
    html:
      body.html === null
        ? null
        : sanitizeOutgoing(new DOMParser().parseFromString(body.html, 'text/html').body.innerHTML),
  };
  const base = { accountId: source.accountId, bcc: [], attachments: [] };
  if (source.kind === 'forward') {
    const forward = buildForward(original, { locale });
    return {
      ...base,
      to: [],
      cc: [],
      subject: forward.subject,
      html: startingHtml(source.signature, forward.body.html),
    };
  }
  const reply = buildReply(original, {
    mode: source.kind,
    ownAddresses: source.account ? [source.account.email] : [],
    locale,
  });
  return {
    ...base,
    to: reply.to,
    cc: reply.cc,
    subject: reply.subject,
    html: startingHtml(source.signature, reply.quote.html),
    ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}),
    ...(reply.references ? { references: reply.references } : {}),
  };
}
