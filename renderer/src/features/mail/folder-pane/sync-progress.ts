/**
 * A folder's first sync as the pane shows it: "1 200 / 100 000" under the
 * folder and a thin bar. Progress events come per batch; a folder is done
 * (and its bar goes) once everything is synced.
 */
import type { I18n } from '../../../lib/i18n/index.ts';

export interface SyncProgress {
  synced: number;
  total: number;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Grouped figures, as the language writes them ("100 000" in French, "100,000" in English). */
export function formatCount(locale: string, value: number): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  let format = formats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    formats.set(tag, format);
  }
  return format.format(value);
}

export function isSyncing(progress: SyncProgress | undefined): progress is SyncProgress {
  return progress !== undefined && progress.total > 0 && progress.synced < progress.total;
}

/** Clamped so a server that grew meanwhile never draws a bar past its end. */
export function progressRatio(progress: SyncProgress): number {
  return progress.total <= 0 ? 0 : Math.min(1, Math.max(0, progress.synced / progress.total));
}

export function progressText(i18n: I18n, progress: SyncProgress): { short: string; label: string } {
  const synced = formatCount(i18n.locale, Math.min(progress.synced, progress.total));
  const total = formatCount(i18n.locale, progress.total);
  return {
    short: i18n.t('mail.sync.progress', { synced, total }),
    label: i18n.t('mail.sync.progressLabel', { synced, total }),
  };
}
