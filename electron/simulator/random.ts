/**
 * Seeded randomness, counter-based: every draw is a pure function of (seed, stream, index),
 * so the market at any instant can be computed without replaying the draws before it, in any
 * order of queries, and always gives the same value: the same seed gives the same market.
 */

/** A 32-bit avalanche mix (murmur3 finaliser). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes up to three integers (|x| < 2^53) into one 32-bit value. */
export function hash32(a: number, b = 0, c = 0): number {
  let h = mix32(0x9e3779b9 ^ mix32((a | 0) + (Math.floor(a / 4294967296) | 0)));
  h = mix32(h ^ mix32((b | 0) + 0x7f4a7c15 + (Math.floor(b / 4294967296) | 0)));
  return mix32(h ^ mix32((c | 0) + 0x2545f491 + (Math.floor(c / 4294967296) | 0)));
}

/** Stable 32-bit id of a string (FNV-1a), for naming noise streams. */
export function stringId(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Uniform in (0, 1) from a counter. */
export function uniformAt(seed: number, stream: number, index: number): number {
  return (hash32(seed, stream, index) + 0.5) / 4294967296;
}

/** Standard normal from a counter (Box–Muller over two uniforms derived from one hash). */
export function noise(seed: number, stream: number, index: number): number {
  const h = hash32(seed, stream, index);
  const u1 = (h + 0.5) / 4294967296;
  const u2 = mix32(h ^ 0x68e31da4) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
