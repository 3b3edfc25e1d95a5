import type { TrainingRow } from '../text/classifier/classifier.js';
import { parentCode } from '../matters/catalogue.js';

// Which label each labelled text trains: its catalogue category, at the level that has enough
// examples to learn from. A second-level category (拖欠工资) is a label of its own once it has
// `minExamples` texts; below that its texts count for the first level (劳动和社会保障), and a first
// level that still has too few is left out. Inactive categories are never learned.

export interface CatalogueCategory {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

export interface LabelledText {
  text: string;
  code: string;
}

export interface LabelChoice {
  rows: TrainingRow[];
  /** Labels learned, with their counts, most first. */
  labels: { code: string; count: number }[];
  /** Labels left out for having fewer than minExamples texts. */
  tooFew: { code: string; count: number }[];
}

/** A category needs at least this many texts whatever the setting: one would teach nothing. */
const FLOOR = 2;

export function chooseLabels(texts: readonly LabelledText[], categories: ReadonlyMap<string, CatalogueCategory>, minExamples: number): LabelChoice {
  const min = Math.max(FLOOR, minExamples);
  const usable = texts.filter((t) => t.text.trim() !== '' && categories.has(t.code));
  const own = countBy(usable.map((t) => t.code));
  const labelOf = (code: string): string | null => {
    const parent = parentCode(code);
    const active = categories.get(code)?.active === true;
    if (parent === null) return active ? code : null;
    if (active && (own.get(code) ?? 0) >= min) return code;
    return categories.get(parent)?.active ? parent : null;
  };
  const labelled = usable.flatMap((t) => {
    const label = labelOf(t.code);
    return label ? [{ text: t.text, label }] : [];
  });
  const counts = countBy(labelled.map((r) => r.label));
  const byCount = (a: { code: string; count: number }, b: { code: string; count: number }) => b.count - a.count || a.code.localeCompare(b.code);
  const labels = [...counts].map(([code, count]) => ({ code, count })).sort(byCount);
  return {
    rows: labelled.filter((r) => counts.get(r.label)! >= min),
    labels: labels.filter((l) => l.count >= min),
    tooFew: labels.filter((l) => l.count < min),
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** One form for labels typed in spreadsheets: full-width, spaces, case. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * A label of an imported file → a catalogue code: the code itself (labor.wage_arrears), the
 * full name (劳动和社会保障/拖欠工资), a first-level name (城乡建设), or a second-level name that
 * only one first level has (拖欠工资). Null when none of these matches.
 */
export function labelMatcher(categories: Iterable<CatalogueCategory>): (label: string) => string | null {
  const exact = new Map<string, string>();
  const childNames = new Map<string, string[]>();
  const all = [...categories];
  const names = new Map(all.map((c) => [c.code, c.name]));
  for (const c of all) {
    exact.set(norm(c.code), c.code);
    if (c.parentCode === null) exact.set(norm(c.name), c.code);
    else {
      exact.set(norm(`${names.get(c.parentCode) ?? c.parentCode}/${c.name}`), c.code);
      childNames.set(norm(c.name), [...(childNames.get(norm(c.name)) ?? []), c.code]);
    }
  }
  return (label) => {
    const key = norm(label);
    if (!key) return null;
    const hit = exact.get(key);
    if (hit) return hit;
    const children = childNames.get(key);
    return children?.length === 1 ? children[0]! : null;
  };
}
