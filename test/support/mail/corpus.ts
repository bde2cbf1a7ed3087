/**
 * Realistic test mail, generated deterministically: French accents in UTF-8
 * and ISO-8859-1, encoded words, multipart/alternative, an inline image,
 * attachments with accented names (RFC 2231), threads and a mailing list.
 */

export interface GeneratedMessage {
  raw: Buffer;
  internalDate: Date;
  flags: string[];
  messageId: string;
}

const people = [
  ['Élodie Lefèvre', 'elodie.lefevre@ac-lille.fr'],
  ['Jérôme Dupré', 'jerome.dupre@ac-amiens.fr'],
  ['Secrétariat du collège', 'ce.0590001a@ac-lille.fr'],
  ['Françoise Müller', 'francoise.muller@example.test'],
  ['bob', 'bob@example.test'],
] as const;

const subjects = [
  'Conseil de classe du 3e trimestre',
  'Réunion parents-professeurs : créneaux',
  'Sortie pédagogique au musée — autorisations',
  'Emploi du temps modifié (semaine B)',
  'Élèves absents lundi',
];

/** A tiny seeded PRNG so a failing run can be replayed exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function encodedWord(text: string, charset: 'UTF-8' | 'ISO-8859-1'): string {
  const bytes = Buffer.from(text, charset === 'UTF-8' ? 'utf8' : 'latin1');
  return `=?${charset}?B?${bytes.toString('base64')}?=`;
}

function wrap(base64: string): string {
  return (base64.match(/.{1,76}/g) ?? []).join('\r\n');
}

export function generateCorpus(
  count: number,
  seed = 42,
  start = Date.parse('2025-09-01T07:30:00Z'),
): GeneratedMessage[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const messages: GeneratedMessage[] = [];
  for (let i = 0; i < count; i++) {
    const [fromName, fromAddress] = pick(people);
    const date = new Date(start + i * 3_600_000);
    const messageId = `<m${seed}.${i}@cartable.test>`;
    const kind = i % 6;
    const latin1 = kind === 1;
    const threadParent = i > 0 && kind === 2 ? messages[i - 1] : undefined;
    const baseSubject = pick(subjects);
    const subject = threadParent ? `Re: ${baseSubject}` : baseSubject;
    const headers = [
      `From: ${encodedWord(fromName, latin1 ? 'ISO-8859-1' : 'UTF-8')} <${fromAddress}>`,
      'To: Alice Martin <alice@example.test>',
      `Subject: ${encodedWord(`${subject} n°${i}`, latin1 ? 'ISO-8859-1' : 'UTF-8')}`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      ...(threadParent
        ? [`In-Reply-To: ${threadParent.messageId}`, `References: ${threadParent.messageId}`]
        : []),
      ...(kind === 3 ? ['List-Id: Équipe pédagogique <equipe-pedagogique.ac-lille.fr>'] : []),
    ];
    const text = `Bonjour,\r\n\r\nVoici le message n°${i} : élèves, réunion à 17 h, salle 101.\r\n\r\nCordialement,\r\n${fromName}\r\n`;
    let body: string;
    if (kind === 1) {
      headers.push('Content-Type: text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding: base64');
      body = wrap(Buffer.from(text, 'latin1').toString('base64'));
    } else if (kind === 4) {
      headers.push('Content-Type: multipart/mixed; boundary="mixed"');
      const pdf = Buffer.alloc(600 + Math.floor(next() * 4000), 37).toString('base64');
      body = [
        '--mixed',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        text,
        '--mixed',
        "Content-Type: application/pdf; name*=UTF-8''Proc%C3%A8s-verbal%20r%C3%A9union.pdf",
        "Content-Disposition: attachment; filename*=UTF-8''Proc%C3%A8s-verbal%20r%C3%A9union.pdf",
        'Content-Transfer-Encoding: base64',
        '',
        wrap(pdf),
        '--mixed--',
      ].join('\r\n');
    } else if (kind === 5) {
      headers.push('Content-Type: multipart/related; boundary="rel"');
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString(
        'base64',
      );
      body = [
        '--rel',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        text,
        '--alt',
        'Content-Type: text/html; charset=UTF-8',
        '',
        `<p>${text.replace(/\r\n/g, '<br>')}</p><img src="cid:logo@college">`,
        '--alt--',
        '--rel',
        'Content-Type: image/png; name="logo.png"',
        'Content-Disposition: inline; filename="logo.png"',
        'Content-ID: <logo@college>',
        'Content-Transfer-Encoding: base64',
        '',
        png,
        '--rel--',
      ].join('\r\n');
    } else {
      headers.push('Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit');
      body = text;
    }
    const flags = next() < 0.6 ? ['\\Seen'] : [];
    if (next() < 0.1) flags.push('\\Flagged');
    messages.push({
      raw: Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8'),
      internalDate: date,
      flags,
      messageId,
    });
  }
  return messages;
}
