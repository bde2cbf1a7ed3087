/** The settings feature's face: the Réglages view (language, accounts). */
export { default as SettingsView } from './SettingsView.svelte';
