/**
 * The one-shot study worker: runs one job (event study + model, or analytics) over the columns
 * it was started with, posts exactly one message and exits, so a study of a second or more never
 * blocks the main process. Like worker.ts, the only other engine module that touches Node.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runStudyJob, type FromStudyWorker, type StudyJob } from './studyJob.ts';

if (!parentPort) throw new Error('electron/engine/studyWorker.ts must run as a worker thread (new Worker(url, { workerData })), not as a script');

const job = workerData as StudyJob;
let message: FromStudyWorker;
try {
  message = { type: 'result', result: runStudyJob(job) };
} catch (err) {
  message = { type: 'error', message: `study worker, "${job?.kind}" job: ${err instanceof Error ? err.message : String(err)}` };
}
parentPort.postMessage(message);
