/**
 * An analysed `Doc` as JSON and back, so that a worker can analyse an
 * article and leave the result in the database for whichever worker places
 * articles in order (queue.ts). A Doc is plain data except for the parse
 * layer's typed arrays (token offsets, tags, heads), which JSON would turn
 * into objects keyed "0", "1", …; they are written as base64 with their type
 * and read back as the same typed array. Anything else JSON cannot hold
 * faithfully (a Map, a Set, a non-finite number) is refused when written, so
 * a document is never stored changed.
 */

const TYPED = '$typed';

const CONSTRUCTORS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;

type TypedName = keyof typeof CONSTRUCTORS;

function isTypedName(name: string): name is TypedName {
  return Object.hasOwn(CONSTRUCTORS, name);
}

/** The document as JSON; throws naming the path of a value JSON cannot carry. */
export function docToJson(doc: unknown): string {
  const paths = new WeakMap<object, string>();
  return JSON.stringify(doc, function (this: unknown, key: string, value: unknown) {
    const parent = this as object;
    const path = `${paths.get(parent) ?? ''}${key === '' ? '' : `.${key}`}`;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name;
      if (!isTypedName(name)) throw new TypeError(`cannot write ${name} at ${path || '(root)'} as JSON`);
      return { [TYPED]: name, data: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    }
    if (value instanceof Map || value instanceof Set) throw new TypeError(`cannot write a ${value.constructor.name} at ${path || '(root)'} as JSON`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot write ${value} at ${path || '(root)'} as JSON`);
    if (typeof value === 'bigint') throw new TypeError(`cannot write a bigint at ${path || '(root)'} as JSON`);
    if (value !== null && typeof value === 'object') paths.set(value, path);
    return value;
  });
}

/** A document written by `docToJson`, typed arrays restored. */
export function docFromJson<T>(json: string): T {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && TYPED in value) {
      const { [TYPED]: name, data } = value as { [TYPED]: string; data: string };
      if (!isTypedName(name) || typeof data !== 'string') throw new TypeError(`not a typed array: ${JSON.stringify(value).slice(0, 80)}`);
      const bytes = Buffer.from(data, 'base64');
      const buffer = new ArrayBuffer(bytes.length);
      new Uint8Array(buffer).set(bytes);
      return new CONSTRUCTORS[name](buffer);
    }
    return value;
  }) as T;
}
