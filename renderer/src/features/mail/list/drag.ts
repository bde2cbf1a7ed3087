/**
 * Dragging messages from the list onto a folder of the folder pane. The drag
 * carries its messages in this window's memory (the browser hides a drag's
 * data until the drop, and a folder must know during `dragover` whether it
 * accepts: same account, another folder); the MIME type marks our drags.
 * MailView provides the drop handler by context, so FolderItem needs no props.
 */
import { getContext, setContext } from 'svelte';
import type { Folder } from '$shared/contract/index.ts';

export const MESSAGE_DRAG_TYPE = 'application/x-cartable-messages';

export interface MessageDrag {
  accountId: string;
  folderId: string;
  /** Resolved at drop time: a conversation row stands for its messages in the folder. */
  messageIds: () => Promise<number[]>;
}

let current: MessageDrag | undefined;

export function startMessageDrag(event: DragEvent, drag: MessageDrag, label: string): void {
  current = drag;
  event.dataTransfer?.setData(MESSAGE_DRAG_TYPE, drag.folderId);
  event.dataTransfer?.setData('text/plain', label);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
}

export function endMessageDrag(): void {
  current = undefined;
}

/** Whether `folder` takes the drag under way: messages of its account, from another folder. */
export function acceptsDrag(event: DragEvent, folder: Folder): boolean {
  if (!event.dataTransfer?.types.includes(MESSAGE_DRAG_TYPE)) return false;
  return current !== undefined && current.accountId === folder.accountId && current.folderId !== folder.id;
}

export function takeMessageDrag(): MessageDrag | undefined {
  const drag = current;
  current = undefined;
  return drag;
}

export type MessageDropHandler = (folder: Folder, drag: MessageDrag) => void;

const dropKey = Symbol('cartable.mail.drop');

export function provideMessageDrop(handler: MessageDropHandler): void {
  setContext(dropKey, handler);
}

export function useMessageDrop(): MessageDropHandler | undefined {
  return getContext<MessageDropHandler | undefined>(dropKey);
}
