// The Tallyfy API, for the rest of the extension.
export * from './baseUrl';
export * from './client';
export * from './dates';
export * from './details';
export * from './errors';
export { defaultSleep, silentLogger, type Logger, type RetryPolicy, type Sleep, type TransportOptions } from './http';
export * from './links';
export * from './schema';
