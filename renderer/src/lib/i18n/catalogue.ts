/**
 * The one catalogue of every string the user reads: French first (fr.ts
 * defines the keys), English second (en.ts must have exactly the same ones).
 */
import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

export { en, fr };
export type { MessageKey, Messages } from './fr.ts';

export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];

export const catalogue: Record<Locale, Messages> = { fr, en };
