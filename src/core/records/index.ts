// Local records of created tasks, for the rest of the extension.
export * from './emitter';
export * from './fromTask';
export * from './record';
export * from './store';
