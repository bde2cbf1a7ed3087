/**
 * Where a signature goes: below what the user types, above a quote, after the
 * "-- " line mail readers recognise (RFC 3676 §4.3) so they can fold it.
 */
import { escapeHtml } from './body.ts';

export function signatureHtml(signature: string): string {
  const text = signature.trim();
  if (!text) return '';
  return `<p>-- <br>${text.split('\n').map(escapeHtml).join('<br>')}</p>`;
}

/** The starting body: an empty line to type on, the signature, then the quote (if any). */
export function startingHtml(signature: string, quoteHtml = ''): string {
  return `<p></p>${signatureHtml(signature)}${quoteHtml}`;
}
