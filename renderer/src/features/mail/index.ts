/** The mail feature's face: the Courrier view (folder panes per account). */
export { default as MailView } from './MailView.svelte';
export { buildFolderTree, type FolderNode } from './folder-tree.ts';
export { askPermissionOnGesture, MailBadge, setOsBadge, windowTitle } from './notify/index.ts';
