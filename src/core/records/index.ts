// Local records of created tasks, for the rest of the extension.
export * from './emitter';
export * from './files';
export * from './fromTask';
export * from './lock';
export * from './merge';
export * from './record';
export * from './store';
