// The first index's reading of the disk, in a worker thread (dist/indexWorker.js) so the extension host
// stays free while it lists and reads the workspace (see diskScan.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { scanDisk, type IndexWorkerInput } from './diskScan';

parentPort?.postMessage(scanDisk(workerData as IndexWorkerInput));
