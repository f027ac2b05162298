/**
 * Streams the records of a `.json` dataset without parsing the whole file:
 * a scanner tracks strings and nesting, cuts out each element of the record
 * array and parses that element alone. So a 2 GB export costs memory for one
 * article at a time, and a broken element costs that element only.
 *
 * Accepted shapes: a top-level array of records, or an object with an array
 * field named in `arrayFields` (`{"articles": [...]}`). A top-level object
 * without such a field is one article (news-please writes one JSON file per
 * article) and is parsed whole, up to `maxDocumentChars`.
 */

export type JsonEvent =
  | { readonly kind: 'element'; readonly index: number; readonly value: unknown }
  | { readonly kind: 'element-error'; readonly index: number; readonly reason: string }
  | { readonly kind: 'document'; readonly value: unknown }
  | { readonly kind: 'error'; readonly reason: string };

type TopKind = 'array' | 'object' | 'other';

export class JsonRecordStream {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private top: TopKind | null = null;

  // Keys of the top-level object, to find the record array.
  private expectingKey = false;
  private readingKey = false;
  private keyParts: string[] = [];
  private valueOfKey: string | null = null;

  /** Depth at which record elements sit; null until the record array opens. */
  private recordDepth: number | null = null;
  private recordArrayClosed = false;
  private elementParts: string[] | null = null;
  private elementCount = 0;

  private documentParts: string[] | null = [];
  private documentChars = 0;

  constructor(
    private readonly arrayFields: readonly string[],
    private readonly maxDocumentChars: number,
  ) {}

  push(chunk: string): JsonEvent[] {
    const events: JsonEvent[] = [];
    if (this.documentParts) {
      this.documentChars += chunk.length;
      if (this.documentChars > this.maxDocumentChars) this.documentParts = null;
      else this.documentParts.push(chunk);
    }
    let elementStart = this.elementParts ? 0 : -1;
    let keyStart = this.readingKey ? 0 : -1;

    for (let i = 0; i < chunk.length; i++) {
      const char = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') {
          this.inString = false;
          if (this.readingKey) {
            this.keyParts.push(chunk.slice(keyStart, i));
            this.finishKey();
            keyStart = -1;
          }
        }
        continue;
      }
      if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue;

      if (this.top === null) {
        this.top = char === '[' ? 'array' : char === '{' ? 'object' : 'other';
        if (this.top !== 'object') this.documentParts = null;
        if (this.top === 'array') this.recordDepth = 1;
        if (this.top === 'other') {
          events.push({ kind: 'error', reason: 'JSON document is neither an array nor an object' });
          return events;
        }
      }

      // The start of an element of the record array.
      if (this.recordDepth !== null && !this.recordArrayClosed && this.depth === this.recordDepth
        && this.elementParts === null && char !== ',' && char !== ']') {
        this.elementParts = [];
        elementStart = i;
      }

      // Keys and values directly inside the top-level object.
      if (this.top === 'object' && this.depth === 1) {
        if (char === '"' && this.expectingKey) {
          this.readingKey = true;
          this.keyParts = [];
          keyStart = i + 1;
        } else if (char === ':') {
          this.expectingKey = false;
        } else if (char === ',') {
          this.expectingKey = true;
          this.valueOfKey = null;
        } else if (this.valueOfKey !== null) {
          if (char === '[' && this.recordDepth === null && this.arrayFields.includes(this.valueOfKey.toLowerCase())) {
            this.recordDepth = 2;
            this.documentParts = null;
          }
          this.valueOfKey = null;
        }
      }

      if (char === '"') {
        this.inString = true;
      } else if (char === '{' || char === '[') {
        this.depth++;
        if (this.top === 'object' && this.depth === 1) this.expectingKey = true;
      } else if (char === '}' || char === ']') {
        if (this.elementParts !== null && this.depth === this.recordDepth) {
          this.elementParts.push(chunk.slice(elementStart, i));
          events.push(this.finishElement());
          elementStart = -1;
        }
        this.depth--;
        if (this.recordDepth !== null && this.depth === this.recordDepth - 1) this.recordArrayClosed = true;
        if (this.depth < 0) {
          events.push({ kind: 'error', reason: `unbalanced '${char}' in JSON` });
          return events;
        }
      } else if (char === ',' && this.elementParts !== null && this.depth === this.recordDepth) {
        this.elementParts.push(chunk.slice(elementStart, i));
        events.push(this.finishElement());
        elementStart = -1;
      }
    }
    if (this.elementParts !== null && elementStart >= 0) this.elementParts.push(chunk.slice(elementStart));
    if (this.readingKey && keyStart >= 0) this.keyParts.push(chunk.slice(keyStart));
    return events;
  }

  end(): JsonEvent[] {
    if (this.top === null) return [{ kind: 'error', reason: 'empty JSON document' }];
    if (this.top === 'other') return [];
    if (this.inString || this.depth > 0) {
      return [{ kind: 'error', reason: 'JSON ends before its last record closes (truncated file?)' }];
    }
    if (this.recordDepth !== null) return [];
    if (this.documentParts === null) {
      return [{ kind: 'error', reason: `JSON object has no records array (${this.arrayFields.join('/')}) and is too large to read as one article` }];
    }
    try {
      return [{ kind: 'document', value: JSON.parse(this.documentParts.join('')) }];
    } catch (error) {
      return [{ kind: 'error', reason: `invalid JSON: ${(error as Error).message}` }];
    }
  }

  private finishKey(): void {
    this.readingKey = false;
    const raw = this.keyParts.join('');
    try {
      this.valueOfKey = JSON.parse(`"${raw}"`) as string;
    } catch {
      this.valueOfKey = raw;
    }
  }

  private finishElement(): JsonEvent {
    const text = (this.elementParts ?? []).join('');
    this.elementParts = null;
    const index = ++this.elementCount;
    try {
      return { kind: 'element', index, value: JSON.parse(text) };
    } catch (error) {
      return { kind: 'element-error', index, reason: `invalid JSON: ${(error as Error).message}` };
    }
  }
}
