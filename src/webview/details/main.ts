// The "Tallyfy task" page's script (browser), built into dist/details.js. It asks the extension for the
// task with `ready` and shows what `init` and `details` bring; see core/details/protocol for every message.
import { DetailsApp, type HostApi } from './app';

declare function acquireVsCodeApi(): HostApi;

const root = document.getElementById('app');
if (root !== null) {
  new DetailsApp(acquireVsCodeApi(), root).start();
}
