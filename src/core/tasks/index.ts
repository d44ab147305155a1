// The tasks view's model and the refresh of task records, for the rest of the extension.
export * from './autoRefresh';
export * from './limiter';
export * from './possiblyCreated';
export * from './refresh';
export * from './relativeDeadline';
export * from './status';
export * from './titleUpdate';
export * from './treeModel';
