/**
 * The interface language: French unless the user picked English in Réglages.
 * The choice is kept in localStorage (a preference, never a secret).
 */
import { catalogue, locales, type Locale, type MessageKey } from './catalogue.ts';
import { interpolate, type Vars } from './format.ts';

const storageKey = 'cartable.locale';

/** Keys that come as a `.one` and `.other` pair. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.one`
    ? `${Base}.other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be switched off by policy; the app still works in French.
    return undefined;
  }
}

function storedLocale(): Locale {
  const value = storage()?.getItem(storageKey);
  return isLocale(value) ? value : 'fr';
}

export class I18n {
  locale = $state<Locale>(storedLocale());

  /** Reads `locale`, so any template calling it re-renders when the language changes. */
  t = (key: MessageKey, vars?: Vars): string => {
    const messages = catalogue[this.locale];
    return interpolate(messages[key], vars, messages['detail.unknown']);
  };

  setLocale(locale: Locale): void {
    this.locale = locale;
    try {
      storage()?.setItem(storageKey, locale);
    } catch {
      // Quota or policy: the choice lasts for this session only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  /** Chooses a singular or plural key by the French and English rule (0 and 1 singular in French). */
  plural(base: PluralBase, count: number, vars?: Vars): string {
    const one = this.locale === 'fr' ? count < 2 : count === 1;
    return this.t(one ? `${base}.one` : `${base}.other`, { ...vars, count });
  }
}

export function parseLocale(value: string): Locale | undefined {
  return isLocale(value) ? value : undefined;
}

export const i18n = new I18n();
export const t = i18n.t;
