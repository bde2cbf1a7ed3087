/** The mail feature's face: the Courrier view (folder panes per account). */
export { default as MailView } from './MailView.svelte';
export { buildFolderTree, type FolderNode } from './folder-tree.ts';
