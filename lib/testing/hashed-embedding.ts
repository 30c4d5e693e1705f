// A deterministic stand-in for an embedding model, for tests and the offline benchmark: a hashed
// bag of the text's words and character trigrams. It knows no labels and no languages, so texts
// are "close" only when they share words or spellings; real multilingual models do far better.

export const HASHED_DIMENSIONS = 512;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const normalise = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export function hashedEmbedding(text: string, dimensions = HASHED_DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    // The sign bit spreads collisions around zero instead of piling them up.
    v[h % dimensions] = (v[h % dimensions] as number) + (h & 0x80000000 ? -weight : weight);
  };
  for (const word of normalise(text).split(" ").filter(Boolean)) {
    add(`w:${word}`, 1);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.35);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm === 0 ? v : v.map((x) => x / norm);
}
