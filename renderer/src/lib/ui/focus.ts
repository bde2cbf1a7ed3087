/** Moves focus to an element when it appears, e.g. a step's heading, so screen readers follow the wizard. */
import type { Attachment } from 'svelte/attachments';

export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus();
};
