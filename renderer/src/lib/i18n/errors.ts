/**
 * Turns the contract's error shape into the words the user reads: a message
 * and a fix hint from the catalogue, with the details interpolated. Detail
 * values that are codes themselves (the service) are translated too.
 */
import { serviceNameSchema, type CartableErrorShape, type ServiceName } from '$shared/contract/index.ts';
import type { I18n } from './locale.svelte.ts';

export interface ErrorText {
  message: string;
  hint: string;
}

export function describeError(i18n: I18n, error: CartableErrorShape, service?: ServiceName): ErrorText {
  const details = error.details ?? {};
  const parsed = serviceNameSchema.safeParse(details['service'] ?? service);
  const serviceText = parsed.success ? i18n.t(`service.${parsed.data}.server`) : i18n.t('service.any.server');
  const vars = { ...details, service: serviceText };
  return {
    message: i18n.t(`error.${error.code}.message`, vars),
    hint: i18n.t(`error.${error.code}.hint`, vars),
  };
}
