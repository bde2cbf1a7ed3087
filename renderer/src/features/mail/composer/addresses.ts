/**
 * What the To/Cc/Bcc fields accept: "Nom <a@b.fr>", a bare "a@b.fr", several
 * separated by commas or semicolons (pasted from a spreadsheet or Outlook).
 * Pure, so the chip field's parsing is tested without a DOM.
 */
import type { Recipient } from '$shared/contract/index.ts';

/**
 * A pragmatic check, not RFC 5322: one @, a dotted domain, no spaces or angle
 * brackets. The core validates again; this is what turns a chip red at once.
 */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/u;

export function isValidAddress(address: string): boolean {
  return ADDRESS.test(address);
}

/** A chip: a recipient, or text the user typed that is not an address (kept, shown invalid). */
export type Chip = { valid: true; recipient: Recipient } | { valid: false; text: string };

/** One entry: "Nom <adresse>", "\"Nom, Prénom\" <adresse>" or a bare address. */
export function parseEntry(raw: string): Chip | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const angled = /^(.*)<([^<>]+)>$/u.exec(text);
  if (angled) {
    const name = (angled[1] ?? '')
      .trim()
      .replace(/^"(.*)"$/u, '$1')
      .trim();
    const address = (angled[2] ?? '').trim();
    return isValidAddress(address) ? { valid: true, recipient: { name, address } } : { valid: false, text };
  }
  const address = text.replace(/^mailto:/iu, '');
  return isValidAddress(address) ? { valid: true, recipient: { name: '', address } } : { valid: false, text };
}

/** Splits on commas and semicolons outside quotes and angle brackets ("Dupont, Jean" <j@d.fr> stays one). */
export function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if ((char === ',' || char === ';' || char === '\n') && !quoted && !angled) {
      entries.push(current);
      current = '';
    } else current += char;
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0);
}

export function parseEntries(text: string): Chip[] {
  return splitEntries(text)
    .map(parseEntry)
    .filter((chip): chip is Chip => chip !== undefined);
}

/** How a chip reads: the name when there is one (the address goes in its tooltip), else the address. */
export function chipLabel(chip: Chip): string {
  if (!chip.valid) return chip.text;
  return chip.recipient.name || chip.recipient.address;
}

/** The same address twice in one field is one recipient; case differs only in how it was typed. */
export function addChips(existing: readonly Chip[], added: readonly Chip[]): Chip[] {
  const seen = new Set(
    existing.flatMap((chip) => (chip.valid ? [chip.recipient.address.toLowerCase()] : [])),
  );
  const result = [...existing];
  for (const chip of added) {
    if (chip.valid) {
      const key = chip.recipient.address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    result.push(chip);
  }
  return result;
}

export function recipientsOf(chips: readonly Chip[]): Recipient[] {
  return chips.flatMap((chip) => (chip.valid ? [chip.recipient] : []));
}

export function chipsOf(recipients: readonly Recipient[]): Chip[] {
  return recipients.map((recipient) => ({ valid: true, recipient }));
}
