// Many TODOs at once: the review's rows, the page's protocol and the run that creates the tasks.
export * from './protocol';
export * from './review';
export * from './run';
export * from './stored';
