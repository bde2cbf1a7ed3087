/**
 * The list's remembered choices (the conversation switch), in localStorage:
 * a preference, never a secret, and the list still works when storage is off.
 */

const conversationsKey = 'cartable.mail.conversations';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadConversationView(): boolean {
  // On unless switched off: the default, as in most web mail.
  return storage()?.getItem(conversationsKey) !== 'off';
}

export function saveConversationView(on: boolean): void {
  try {
    storage()?.setItem(conversationsKey, on ? 'on' : 'off');
  } catch {
    // Quota or policy: remembered for this session only.
  }
}
