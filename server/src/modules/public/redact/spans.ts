import { sourceRange, type TextView } from './view.js';

// What a detector found: a range of the view and what stands there instead. Ranges of several
// detectors may overlap (a phone number inside an e-mail address, a name before a room): the
// masked text is their union, so nothing that any detector found survives.

export interface Found {
  /** View range [start, end). */
  start: number;
  end: number;
  /** What is shown instead of the source characters of the range. */
  mask: string;
  /** The mask starts with the range's first character, shown as the citizen wrote it (孫** for 孫麗華). */
  keepsFirst?: boolean;
}

export const stars = (n: number) => '*'.repeat(Math.max(n, 1));

const shown = (mask: string) => mask.replace(/\*/g, '').length;

interface SourceSpan {
  start: number;
  end: number;
  mask: string;
}

/** The source with every found range replaced by its mask; overlapping ranges are masked as one. */
export function applyMasks(source: string, view: TextView, found: readonly Found[]): string {
  const spans: SourceSpan[] = found
    .filter((f) => f.end > f.start)
    .map((f) => {
      const [start, end] = sourceRange(view, f.start, f.end);
      const first = f.keepsFirst ? source.slice(start, sourceRange(view, f.start, f.start + 1)[1]) : '';
      return { start, end, mask: first + f.mask.slice(first ? 1 : 0) };
    })
    // Of two masks of one range, the one that shows less (a room's ** over a number's 11***02).
    .sort((a, b) => a.start - b.start || b.end - a.end || shown(a.mask) - shown(b.mask));
  const merged: SourceSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (!last || span.start >= last.end) merged.push({ ...span });
    else if (span.end > last.end) {
      // The later range reaches past the earlier one: what it adds is masked too.
      last.mask += '*';
      last.end = span.end;
    }
  }
  let out = '';
  let at = 0;
  for (const span of merged) {
    out += source.slice(at, span.start) + span.mask;
    at = span.end;
  }
  return out + source.slice(at);
}
