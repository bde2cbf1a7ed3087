/** The reader's face: one message, headers and its body rendered safely. */
export { default as Reader } from './Reader.svelte';
