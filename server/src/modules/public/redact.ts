import { findContacts } from './redact/contacts.js';
import { findNumbers } from './redact/digits.js';
import { findNames, maskName } from './redact/names.js';
import { findRooms } from './redact/rooms.js';
import { applyMasks, type Found } from './redact/spans.js';
import { sourceRange, viewOf, type TextView } from './redact/view.js';

// Redaction of free text shown in public (the feed, a post's page, Open311, and what public
// search matches): citizens write their phone, ID number, flat, plate, WeChat or somebody's name
// into a complaint. Every detector reads a normalised view of the text (full width, Chinese
// numerals, traditional characters, invisible characters: redact/view.ts) and names ranges of
// it; the output is the citizen's own text with those ranges masked (docs/text/redaction.md).

export { maskName };

/**
 * The feed shows the same posts to every reader, page after page: their redacted texts are kept
 * (segmenting a 400-character text for names takes about half a millisecond).
 */
const CACHED_TEXTS = 2000;
const CACHED_LENGTH = 4000;
const recent = new Map<string, string>();

export type FoundKind = 'number' | 'contact' | 'room' | 'name';

function detect(view: TextView, knownNames: readonly string[]): [FoundKind, Found[]][] {
  return [
    ['number', findNumbers(view.text)],
    ['contact', findContacts(view.text)],
    ['room', findRooms(view.text)],
    ['name', findNames(view.text, knownNames)],
  ];
}

/**
 * Masks phone, ID and other long numbers, e-mail addresses, WeChat and QQ ids, vehicle plates,
 * rooms and personal names in text shown to the public; `knownNames` (the reporter's, a linked
 * dispute's parties') are masked wherever they stand.
 */
export function redactText(s: string, knownNames: readonly string[] = []): string {
  if (!s) return s;
  const key = `${knownNames.join('\u0001')}\u0000${s}`;
  const cached = recent.get(key);
  if (cached !== undefined) {
    // Least recently used goes first: a hit moves to the end.
    recent.delete(key);
    recent.set(key, cached);
    return cached;
  }
  const view = viewOf(s);
  const found = detect(view, knownNames).flatMap(([, f]) => f);
  const out = found.length ? applyMasks(s, view, found) : s;
  if (s.length <= CACHED_LENGTH) {
    recent.set(key, out);
    if (recent.size > CACHED_TEXTS) recent.delete(recent.keys().next().value!);
  }
  return out;
}

/** What redactText masks, as source ranges by kind (for measuring: bench/redaction.ts). */
export function personalDataIn(s: string, knownNames: readonly string[] = []): { kind: FoundKind; start: number; end: number }[] {
  const view = viewOf(s);
  return detect(view, knownNames).flatMap(([kind, found]) =>
    found.map((f) => {
      const [start, end] = sourceRange(view, f.start, f.end);
      return { kind, start, end };
    }),
  );
}
