// Account discovery's face: what the rest of the core may use. The modules
// behind it are internal and may change shape freely.
export type { DiscoveryDeps, DiscoveryStep, HttpAnswer, SrvAnswer } from './types.ts';
export { discoverAccount } from './discover.ts';
export { createDiscoveryDeps, type DiscoveryDepsOptions } from './deps.ts';
