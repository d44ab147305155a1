// The "Create Tallyfy tasks" review's script (browser), built into dist/review.js. It asks the extension
// for its state with `ready` and renders what `init` brings; see core/bulk/protocol for every message.
import { ReviewApp, type HostApi } from './app';

declare function acquireVsCodeApi(): HostApi;

const root = document.getElementById('app');
if (root !== null) {
  new ReviewApp(acquireVsCodeApi(), root).start();
}
