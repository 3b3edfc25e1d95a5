// Term hashing for the classifier's features: FNV-1a over UTF-16 code units with a final
// murmur3 avalanche, so the low bits used as bucket numbers are well mixed. A different seed
// per kind of term keeps the word 中 and the character 中 apart.

/** Hash of text[from, to) from `seed`, an unsigned 32-bit integer. */
export function hashRange(text: string, from: number, to: number, seed: number): number {
  let h = seed;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
