// "Assigned to Me": the user's open tasks in groups by deadline, and the view's rows.
export * from './assigned';
export * from './nodes';
