/** The composer's face for the mail view: the pane, what opens it, the send toast and the outbox. */
export { default as ComposerPane } from './ComposerPane.svelte';
export { default as OutboxIndicator } from './OutboxIndicator.svelte';
export { default as SendToast } from './SendToast.svelte';
export type { ComposeRequest, ReplyKind } from './compose-request.ts';
export type { Composer, Sent } from './composer.svelte.ts';
export { SendUndo, type PendingSend } from './send-undo.svelte.ts';
