/**
 * FNV-1a over UTF-16 code units, finished with murmur3's avalanche (fmix32)
 * so that low bits are well mixed. Shared by de-duplication fingerprints and
 * the NER feature table: both persist these values, so the function must
 * never change.
 */
export function hash32(value: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
