import { createReadStream } from 'node:fs';
import { ChunkLines } from '../../shared/history/textLines.ts';
import { UsageError } from './io.ts';

/**
 * A text file's physical lines (split on `\n`, as `text.split('\n')` would, so CRLF and the
 * byte-order mark are the line parser's business), read as a stream: memory holds one chunk and
 * the line being assembled, whatever the file's size. An unreadable file is a usage error whose
 * message `cannotRead` words from the error code (ENOENT, EACCES, …).
 */
export async function* fileLines(file: string, cannotRead: (code: string) => string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = new ChunkLines();
  try {
    for await (const chunk of stream as AsyncIterable<string>) yield* lines.push(chunk);
  } catch (error) {
    throw new UsageError(cannotRead((error as NodeJS.ErrnoException).code ?? String(error)));
  }
  yield lines.end();
}
