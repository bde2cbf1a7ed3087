export { catalogue, en, fr, locales, type Locale, type MessageKey, type Messages } from './catalogue.ts';
export { describeError, type ErrorText } from './errors.ts';
export { i18n, parseLocale, t, type I18n } from './locale.svelte.ts';
