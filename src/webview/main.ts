// The task form's script (browser). Built into dist/webview.js.
export {};
