/**
 * Placeholder interpolation for catalogue strings: `{name}` is replaced by
 * the matching variable; a missing one by `fallback`, never left raw.
 */
export type Vars = Readonly<Record<string, string | number>>;

const placeholder = /\{(\w+)\}/g;

export function interpolate(template: string, vars: Vars | undefined, fallback: string): string {
  return template.replace(placeholder, (_match, name: string) => {
    const value = vars?.[name];
    return value === undefined ? fallback : String(value);
  });
}

/** The placeholder names of a template, for the catalogue's consistency test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1] ?? '').sort();
}
