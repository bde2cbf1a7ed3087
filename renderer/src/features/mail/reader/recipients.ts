/** How the reader's header writes people: the name when there is one, the address always. */
export interface Person {
  name: string;
  address: string;
}

/** Past this many, the rest of a recipient list waits behind a button. */
export const COLLAPSE_AFTER = 3;

export function personLabel(person: Person): string {
  return person.name ? `${person.name} <${person.address}>` : person.address;
}
