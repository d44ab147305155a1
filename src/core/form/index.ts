// The task form's pure logic, shared by the extension (src/editor) and the webview (src/webview).
export * from './dates';
export * from './formFields';
export * from './html';
export * from './model';
export * from './prefill';
export * from './protocol';
export * from './secrets';
export * from './strings';
export * from './values';
