/**
 * Strings across a thread boundary as indexes into a table both sides keep: only strings the
 * receiver has not seen travel, appended at `stringsFrom`. One writer per receiver.
 */
export interface StringDelta {
  stringsFrom: number;
  strings: string[];
}

export class StringTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StringTableError';
  }
}

export class StringTableWriter {
  private readonly ids = new Map<string, number>();
  private delta: StringDelta = { stringsFrom: 0, strings: [] };

  /** Starts a message: the strings interned from now on travel with it. */
  begin(): StringDelta {
    this.delta = { stringsFrom: this.ids.size, strings: [] };
    return this.delta;
  }

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.delta.strings.push(text);
    }
    return id;
  }
}

export class StringTableReader {
  private readonly table: string[] = [];

  /** Appends a message's new strings; refuses a message from a writer out of step with this reader. */
  take(delta: StringDelta, what: string): void {
    if (delta.stringsFrom !== this.table.length) {
      throw new StringTableError(`${what} out of step: strings start at ${delta.stringsFrom} but the table holds ${this.table.length}; the sender must use a new encoder for a new receiver`);
    }
    for (const text of delta.strings) this.table.push(text);
  }

  get(id: number, row: number, what: string): string {
    const text = this.table[id];
    if (text === undefined) throw new StringTableError(`${what} ${row}: string index ${id} is not in the table (${this.table.length} entries)`);
    return text;
  }
}
