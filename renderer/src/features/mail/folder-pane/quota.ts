/**
 * The quota gauge's figures: how full, which colour, and the sizes in Mo/Go.
 * The thresholds are the core's (quota.ts: warning from 80 %, critical from
 * 95 %), recomputed here from the figures so the gauge and its colour never
 * disagree with the numbers shown beside them.
 */
import type { Quota } from '$shared/contract/index.ts';
import type { I18n } from '../../../lib/i18n/index.ts';
import { formatListSize } from '../list/size-format.ts';

export type QuotaLevel = 'ok' | 'warning' | 'critical';

export const WARNING_RATIO = 0.8;
export const CRITICAL_RATIO = 0.95;

/** Used share in [0, 1]; a server reporting no limit (0) counts as empty rather than dividing by zero. */
export function quotaRatio(quota: Pick<Quota, 'usageBytes' | 'limitBytes'>): number {
  if (quota.limitBytes <= 0) return 0;
  return Math.min(1, Math.max(0, quota.usageBytes / quota.limitBytes));
}

export function quotaLevel(quota: Pick<Quota, 'usageBytes' | 'limitBytes'>): QuotaLevel {
  const ratio = quotaRatio(quota);
  if (ratio >= CRITICAL_RATIO) return 'critical';
  if (ratio >= WARNING_RATIO) return 'warning';
  return 'ok';
}

/** Whole percent, rounded down: "100 %" only once the box is really full. */
export function quotaPercent(quota: Pick<Quota, 'usageBytes' | 'limitBytes'>): number {
  return Math.floor(quotaRatio(quota) * 100);
}

export interface QuotaText {
  /** "1,2 Go sur 2 Go", beside the gauge. */
  figures: string;
  /** aria-valuetext: "60 % utilisés, 1,2 Go sur 2 Go". */
  value: string;
}

export function quotaText(i18n: I18n, quota: Pick<Quota, 'usageBytes' | 'limitBytes'>): QuotaText {
  const used = formatListSize(i18n, quota.usageBytes);
  const limit = formatListSize(i18n, quota.limitBytes);
  return {
    figures: i18n.t('mail.quota.figures', { used, limit }),
    value: i18n.t('mail.quota.value', { percent: quotaPercent(quota), used, limit }),
  };
}
