import { topTerms, type TermVector } from '../text/similarity.js';
import { relation, type Placed } from './linking.js';

// Which messages are linked: candidate pairs from blocks (messages that could be about one
// place), then the place gate and the similarity bar (linking.ts); groups are the connected
// components (single link, union-find), except that two groups join only if also alike as wholes.
// Blocks keep the work near linear: nothing is compared across communities the system knows to
// differ, and a block too big is split by shared words.

/** Similarity bar by how sure the place is (docs/text/hot-issues.md). */
export const THRESHOLD = { same: 0.15, near: 0.35, unknown: 0.55 } as const;
/**
 * The bar two groups of two or more must also clear as wholes (cosine of their summed vectors):
 * a message that is about two problems must not chain their groups into one. A single message
 * joins a group on its closest pair alone.
 */
const GROUP_BAR = 0.25;
/** Blocks larger than this are compared only on pairs that share a signature word. */
const BLOCK_MAX = 300;
const SIGNATURE_TERMS = 6;
/**
 * Members of one other group a message is compared with before that group is given up for it:
 * in a busy community a message would otherwise be compared with every member of every group.
 */
const TRIES_PER_GROUP = 20;

export interface Linkable extends Placed {
  t: number;
  vector: TermVector;
}

/** A vector as term ids in ascending order with their weights: cosine is then one merge pass. */
interface Packed {
  ids: Int32Array;
  weights: Float64Array;
}

function pack(vectors: readonly TermVector[]): Packed[] {
  const ids = new Map<string, number>();
  return vectors.map((v) => {
    const entries = [...v].map(([term, w]) => {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = ids.size));
      return [id, w] as const;
    });
    entries.sort((a, b) => a[0] - b[0]);
    return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1]) };
  });
}

/** The same as similarity.cosine on the unpacked vectors. */
function packedCosine(a: Packed, b: Packed): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot);
}

/**
 * Union-find whose groups also keep the sum of their members' vectors, so that two groups are
 * joined only when, besides one close pair, they are alike as wholes: single link alone lets a
 * message about two problems (or a chain of pairs sharing boilerplate) run them into one.
 */
class Groups {
  private readonly parent: Int32Array;
  private readonly sums: (Map<number, number> | null)[];
  private readonly norms: Float64Array;
  readonly sizes: Int32Array;
  constructor(private readonly vectors: readonly Packed[]) {
    this.parent = Int32Array.from({ length: vectors.length }, (_, i) => i);
    this.sizes = new Int32Array(vectors.length).fill(1);
    this.sums = vectors.map(() => null);
    this.norms = new Float64Array(vectors.length).fill(1);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  private sum(root: number): Map<number, number> {
    let sum = this.sums[root];
    if (!sum) {
      const v = this.vectors[root]!;
      sum = new Map();
      for (let k = 0; k < v.ids.length; k++) sum.set(v.ids[k]!, v.weights[k]!);
      this.sums[root] = sum;
    }
    return sum;
  }
  /** Cosine of the two groups' summed vectors. */
  likeness(ra: number, rb: number): number {
    let [a, b] = [this.sum(ra), this.sum(rb)];
    if (a.size > b.size) [a, b] = [b, a];
    let dot = 0;
    for (const [t, w] of a) {
      const x = b.get(t);
      if (x !== undefined) dot += w * x;
    }
    return dot / Math.sqrt(this.norms[ra]! * this.norms[rb]!);
  }
  /** Joins two roots: the smaller sum is added into the larger, the smaller index stays the root. */
  union(ra: number, rb: number): void {
    const [big, small] = this.sum(ra).size >= this.sum(rb).size ? [ra, rb] : [rb, ra];
    const into = this.sum(big);
    let norm = this.norms[big]!;
    for (const [t, w] of this.sum(small)) {
      const old = into.get(t) ?? 0;
      norm += (old + w) ** 2 - old ** 2;
      into.set(t, old + w);
    }
    const root = Math.min(ra, rb);
    const other = Math.max(ra, rb);
    this.parent[other] = root;
    this.sizes[root] = this.sizes[ra]! + this.sizes[rb]!;
    this.sums[root] = into;
    this.norms[root] = norm;
    this.sums[other] = null;
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Index lists of messages that may be linked. */
export function blocks(docs: readonly Linkable[]): number[][] {
  const byKey = new Map<string, number[]>();
  const bySignature = new Map<string, number[]>();
  const signature = (d: Linkable) => topTerms(d.vector, SIGNATURE_TERMS);
  docs.forEach((d, i) => {
    // Wage complaints meet by employer wherever they are.
    if (d.employer) push(byKey, `e:${d.employer}`, i);
    // A known community holds every pair that could link (linking.relation: other communities never do).
    if (d.community) {
      push(byKey, `c:${d.community}`, i);
      return;
    }
    // The last four characters too, so 观沙岭郝家坪小学 meets 郝家坪小学 (linking.samePlaceName decides).
    for (const k of d.strong) {
      push(byKey, `s:${k}`, i);
      if (k.length > 4) push(byKey, `s:${k.slice(-4)}`, i);
    }
    for (const k of d.roads) push(byKey, `r:${k.slice(-4)}`, i);
    for (const term of signature(d)) push(bySignature, term, i);
  });
  const out: number[][] = [];
  // Words in many messages say little on their own; the pairs that matter share rarer ones too.
  const common = Math.max(50, docs.length * 0.03);
  for (const list of bySignature.values()) if (list.length > 1 && list.length <= common) out.push(list);
  for (const list of byKey.values()) {
    if (list.length <= 1) continue;
    if (list.length <= BLOCK_MAX) {
      out.push(list);
      continue;
    }
    // A big block (one community in a busy month): pairs sharing a signature word.
    const inBlock = new Map<string, number[]>();
    for (const i of list) for (const term of signature(docs[i]!)) push(inBlock, term, i);
    for (const sub of inBlock.values()) if (sub.length > 1) out.push(sub);
  }
  return out;
}

/** Groups of linked messages (indexes into `docs`), singletons included. */
export function linkedGroups(docs: readonly Linkable[], linkMs: number): number[][] {
  const lists = blocks(docs);
  const listsOf: number[][] = docs.map(() => []);
  lists.forEach((list, b) => {
    for (const i of list) listsOf[i]!.push(b);
  });
  const packed = pack(docs.map((d) => d.vector));
  const uf = new Groups(packed);
  // Each pair once: `seen[j] === i + 1` marks j as already compared with i.
  const seen = new Int32Array(docs.length);
  const tries = new Map<number, number>();
  for (let i = 0; i < docs.length; i++) {
    const a = docs[i]!;
    tries.clear();
    for (const b of listsOf[i]!) {
      for (const j of lists[b]!) {
        if (j <= i || seen[j] === i + 1) continue;
        seen[j] = i + 1;
        const d = docs[j]!;
        if (Math.abs(a.t - d.t) > linkMs) continue;
        const other = uf.find(j);
        if (uf.find(i) === other) continue;
        const n = tries.get(other) ?? 0;
        if (n >= TRIES_PER_GROUP) continue;
        tries.set(other, n + 1);
        const rel = relation(a, d);
        if (rel === 'conflict' || packedCosine(packed[i]!, packed[j]!) < THRESHOLD[rel]) continue;
        const mine = uf.find(i);
        const groups = uf.sizes[mine]! > 1 && uf.sizes[other]! > 1;
        if (!groups || uf.likeness(mine, other) >= Math.max(GROUP_BAR, THRESHOLD[rel])) uf.union(mine, other);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const root = uf.find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}
