/**
 * Physical lines of a text that arrives in chunks (a file read as a stream), split on `\n` as
 * `text.split('\n')` of the whole would split them: CRLF and a byte-order mark are the line
 * parser's business. Memory holds one chunk and the line it ends in the middle of.
 */
export class ChunkLines {
  private rest = '';

  /** The lines this chunk completes; the unfinished last one waits for the next chunk. */
  *push(chunk: string): Generator<string> {
    const text = this.rest + chunk;
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      yield text.slice(from, at);
      from = at + 1;
    }
    this.rest = text.slice(from);
  }

  /** The last line: empty when the text ended with a newline, as `split` gives it. */
  end(): string {
    return this.rest;
  }
}

/** A whole text's physical lines, without an array of them all. */
export function* textLines(text: string): Generator<string> {
  const lines = new ChunkLines();
  yield* lines.push(text);
  yield lines.end();
}
