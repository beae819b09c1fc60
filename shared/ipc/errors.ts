import type { WireError } from './dispatch.ts';

/** Raised on the renderer side when the main process refuses or fails a request. */
export class TerminalError extends Error {
  readonly code: WireError['code'];
  constructor(error: WireError) {
    super(error.message);
    this.name = 'TerminalError';
    this.code = error.code;
  }
}
