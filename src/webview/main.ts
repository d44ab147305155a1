// The task form's script (browser), built into dist/webview.js. It asks the extension for its data
// with `ready` and renders what `init` brings; see core/form/protocol for every message.
import { FormApp, type HostApi } from './app';

declare function acquireVsCodeApi(): HostApi;

const root = document.getElementById('app');
if (root !== null) {
  new FormApp(acquireVsCodeApi(), root).start();
}
