/**
 * Structured terms → an FTS5 MATCH string. The only place user text meets
 * FTS5 syntax: every term is a quoted string with `"` doubled, so AND, OR,
 * NEAR, `*`, `:`, `^` and parentheses typed by the user are plain words.
 * Column names come from a fixed table, never from the user.
 */
import type { SearchField, SearchTerm } from './query.ts';

const columns: Readonly<Record<SearchField, string>> = {
  subject: 'subject',
  sender: 'sender',
  recipients: 'recipients',
  attachments: 'attachments',
};

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Terms are ANDed (FTS5's implicit AND); undefined when there is nothing to match. */
export function matchExpression(terms: readonly SearchTerm[]): string | undefined {
  if (terms.length === 0) return undefined;
  return terms
    .map((term) => {
      const column = term.field === undefined ? '' : `${columns[term.field]} : `;
      return `${column}${quote(term.text)}${term.prefix ? '*' : ''}`;
    })
    .join(' ');
}
