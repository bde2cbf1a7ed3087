/** The search bar's face for the mail view: the bar, its results and their state. */
export { default as SearchBar } from './SearchBar.svelte';
export { default as SearchResults } from './SearchResults.svelte';
export { SearchState } from './search-state.svelte.ts';
