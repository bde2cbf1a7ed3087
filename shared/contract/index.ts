export * from './domain.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './methods.ts';
export * from './wire.ts';
