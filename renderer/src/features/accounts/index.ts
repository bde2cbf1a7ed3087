/** The accounts feature's face: the list of accounts and the wizard that adds one. */
export { AccountsState, type LoadStatus } from './accounts.svelte.ts';
export { default as AccountWizard } from './AccountWizard.svelte';
