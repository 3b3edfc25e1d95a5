import { normalizeText } from '../text/normalize.js';
import { textTerms } from '../text/similarity.js';
import type { Placed } from './linking.js';
import { messagePlaces, STRONG_KINDS, type PlaceMention } from './place.js';

// What the engine reads from one message: where (place mentions) and what (the problem words).
// Segmenting is most of the engine's work, and a matter's title and description do not change,
// so a server keeps these per matter (FeatureCache) and only reads new matters again.

export interface HotMessage {
  id: string;
  title: string;
  text: string;
  time: Date;
  /** Who reported it (a user id, a masked phone …); null counts as a person of its own. */
  reporter: string | null;
  likes?: number;
  followers?: number;
  /** The area the system filed it under (its path of codes and name), when known. */
  area?: { path: string; name: string } | null;
  lon?: number | null;
  lat?: number | null;
}

/** The place facts linking compares (linking.ts), plus the words and mentions they came from. */
export interface Features extends Pick<Placed, 'district' | 'strong' | 'primary' | 'roads' | 'wage' | 'employer'> {
  /** Problem words with repeats (place names taken out; title words twice). */
  terms: string[];
  /** Title mentions first; the first `titleMentions` of them are the title's. */
  mentions: PlaceMention[];
  titleMentions: number;
  city: string | null;
}

/** Text read per message: the rest of a 10,000-character complaint adds nothing to "same problem". */
const MAX_TEXT = 2_000;
const WAGES = /欠薪|讨薪|拖欠.{0,8}(工资|薪|工钱|劳务费|血汗钱)|(工资|工钱|薪水|薪资).{0,6}(未|没|不|拖)(发|付|结|给)|农民工工资/;

const strongOf = (list: readonly PlaceMention[]) => new Set(list.filter((p) => STRONG_KINDS.includes(p.kind)).map((p) => p.key));

export function featuresOf(m: Pick<HotMessage, 'title' | 'text'>): Features {
  const title = normalizeText(m.title);
  const body = normalizeText(m.text.slice(0, MAX_TEXT));
  const places = messagePlaces(title, body);
  const mentions = [...places.title, ...places.body];
  const titleStrong = strongOf(places.title);
  // Place names out of the text: what remains says what the problem is. Businesses stay: 德鸿餐饮店
  // says what kind of place it is, and an employer is what a wage complaint is about.
  const names = mentions.filter((p) => p.kind !== 'org').map((p) => p.name.toLowerCase()).sort((a, b) => b.length - a.length);
  const strip = (s: string) => names.reduce((acc, n) => acc.split(n).join(' '), s);
  const problemTitle = textTerms(strip(title));
  const wage = WAGES.test(title) || WAGES.test(body);
  return {
    // The title states the problem most plainly: its words count twice.
    terms: [...problemTitle, ...problemTitle, ...textTerms(strip(body))],
    mentions,
    titleMentions: places.title.length,
    city: places.city,
    district: places.district,
    strong: strongOf(mentions),
    primary: titleStrong.size ? titleStrong : strongOf(places.body),
    roads: new Set(mentions.filter((p) => p.kind === 'road').map((p) => p.key)),
    wage,
    employer: wage ? ((places.title.find((p) => p.kind === 'org') ?? places.body.find((p) => p.kind === 'org'))?.key ?? null) : null,
  };
}

/**
 * Features by message id, least recently used dropped beyond `max` (a matter's text does not
 * change; the lengths guard against an id reused for other text all the same).
 */
export class FeatureCache {
  private readonly entries = new Map<string, { size: string; features: Features }>();
  constructor(private readonly max = 12_000) {}

  get(m: HotMessage): Features {
    const size = `${m.title.length}:${m.text.length}`;
    const hit = this.entries.get(m.id);
    this.entries.delete(m.id);
    const features = hit && hit.size === size ? hit.features : featuresOf(m);
    this.entries.set(m.id, { size, features });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return features;
  }
}
