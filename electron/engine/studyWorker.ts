/**
 * The one-shot study worker: waits for one job (event study + model, or analytics) as its first
 * message, runs it, posts exactly one message and exits, so a study of a second or more never
 * blocks the main process. It is started before its job is ready (the store read runs meanwhile),
 * so loading this code overlaps the read. Like worker.ts, the only other engine module that touches Node.
 */
import { parentPort } from 'node:worker_threads';
import { runStudyJob, type FromStudyWorker, type StudyJob } from './studyJob.ts';

if (!parentPort) throw new Error('electron/engine/studyWorker.ts must run as a worker thread (new Worker(url), its job posted to it), not as a script');
const port = parentPort;

port.once('message', (job: StudyJob) => {
  let message: FromStudyWorker;
  try {
    message = { type: 'result', result: runStudyJob(job) };
  } catch (err) {
    message = { type: 'error', message: `study worker, "${job?.kind}" job: ${err instanceof Error ? err.message : String(err)}` };
  }
  port.postMessage(message);
});
