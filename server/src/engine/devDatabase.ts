// The embedded dev database as the editor sees it: its state (for the status item) and starting it ahead of use.
export { embeddedState, onEmbeddedState, prewarmEmbedded, type EmbeddedState } from '../db/dev';
