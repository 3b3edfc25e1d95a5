import { Idf, termVector, topTerms, type TermVector } from '../text/similarity.js';
import { featuresOf, type FeatureCache, type Features, type HotMessage } from './features.js';
import { heatIndex } from './heat.js';
import { linkedGroups } from './grouping.js';
import { communityOf, samePlaceName, type Placed } from './linking.js';
import { STRONG_KINDS } from './place.js';

export type { HotMessage };

// Hot issues (热点): groups of messages about one problem at one place within a time window.
// Pure: messages in, ranked groups out; the database use case and the CSV command feed it.
//
// 1. Each message: where (place mentions in its words, its area and point when the system knows
//    them) and what (TF-IDF over the problem words: the place names are taken out of the text
//    first, so two complaints at one estate are not alike merely for naming it).
// 2. Two messages are linked when they are close enough in time and their places agree, with a
//    similarity bar that is lower the surer the place: the same named place or point 0.15, the
//    same road or community 0.35, nothing known either way 0.55; places that disagree never link.
//    Groups are the connected components (single link; grouping.ts).
// 3. Each group: counts, distinct reporters, growth, support, span, the heat index (heat.ts),
//    a readable label (place · top problem words) and, for unpaid wages, the employer named.

const DAY = 86_400_000;
const TIME_ZONE_OFFSET = 8 * 3_600_000; // days are counted in Asia/Shanghai

export interface HotIssueOptions {
  now: Date;
  windowDays: number;
  /** Longest time between two linked messages; the window by default. */
  linkDays?: number;
  /** Smallest group that is a hot issue (default 2). */
  minCount?: number;
  /** Features of messages read before (a server reads the same matters on every request). */
  cache?: FeatureCache;
}

export interface HotIssue {
  /** The earliest message of the group: a stable handle while the group grows. */
  id: string;
  label: string;
  place: string | null;
  /** The problem words of the label, most telling first. */
  terms: string[];
  /** For unpaid-wage groups: the employer most of them name. */
  employer: string | null;
  /** How many of the group are about unpaid wages and name that employer. */
  wageCount: number;
  count: number;
  reporters: number;
  likes: number;
  followers: number;
  firstAt: Date;
  lastAt: Date;
  spanDays: number;
  /** Messages in the later and the earlier half of the window. */
  recent: number;
  earlier: number;
  /** Messages per day over the window, oldest first. */
  daily: number[];
  heat: number;
  /** Member ids, oldest first. */
  memberIds: string[];
  /** The longest area path all members share (for scope and notifications), when areas are known. */
  areaPath: string | null;
}

interface Doc extends Features, Placed {
  m: HotMessage;
  t: number;
  vector: TermVector;
}

const mostCommon = <T>(values: readonly T[]): T | null => {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) [best, bestN] = [v, n];
  }
  return best;
};

/**
 * Place of a group: the named place its messages mention most (a title mention counts twice, and a
 * longer name of the same place counts for the shorter), under the usual city/district or area.
 */
function placeOf(members: readonly Doc[]): string | null {
  const pick = (kinds: readonly string[]) => {
    const weight = new Map<string, number>();
    const names = new Map<string, string[]>();
    for (const d of members) {
      const found = new Map<string, number>();
      d.mentions.forEach((p, k) => {
        if (!kinds.includes(p.kind)) return;
        found.set(p.key, Math.max(found.get(p.key) ?? 0, k < d.titleMentions ? 2 : 1));
        names.set(p.key, [...(names.get(p.key) ?? []), p.name]);
      });
      for (const [key, w] of found) weight.set(key, (weight.get(key) ?? 0) + w);
    }
    let best: string | null = null;
    let bestScore = 0;
    for (const key of weight.keys()) {
      let score = 0;
      for (const [other, w] of weight) if (samePlaceName(key, other) && other.endsWith(key)) score += w;
      if (score > bestScore || (score === bestScore && best !== null && key.length > best.length)) [best, bestScore] = [key, score];
    }
    if (best === null) return null;
    // Shown as people write it most: 伊景园滨河苑 rather than the 滨河苑 it was counted under.
    const b = best;
    return mostCommon([...names].filter(([key]) => key.endsWith(b)).flatMap(([, list]) => list));
  };
  const spot = pick(STRONG_KINDS) ?? pick(['road']);
  const areaName = mostCommon(members.map((d) => d.m.area?.name).filter((n): n is string => !!n));
  const named = (values: (string | null)[]) => mostCommon(values.filter((v): v is string => !!v)) ?? '';
  const admin = areaName ?? (`${named(members.map((d) => d.city))}${named(members.map((d) => d.district))}` || null);
  if (!spot) return admin ?? pick(['street', 'village']);
  return admin && !spot.startsWith(admin) ? `${admin}${spot}` : spot;
}

/** Words that say nothing about which problem it is, however often they appear in a group. */
const LABEL_SKIP = new Set(['有限公司', '有限责任公司', '公司', '附近', '周边', '小区', '业主', '居民', '投诉', '举报', '咨询', '建议', '请求', '要求', '解决', '影响', '何时', '能否', '为何', '至今', '处理', '市民', '请', '尽快', '已经', '多次', '没人管', '严重影响']);

/** The group's problem words: the heaviest words of its summed vectors that are not its place. */
function problemTerms(members: readonly Doc[], place: string | null): string[] {
  const sum: TermVector = new Map();
  for (const d of members) for (const [t, w] of d.vector) sum.set(t, (sum.get(t) ?? 0) + w);
  const out: string[] = [];
  const lowerPlace = place?.toLowerCase() ?? '';
  for (const term of topTerms(sum, 12)) {
    if (term.length < 2 || /\d|^[一二三四五六七八九十]+期$/.test(term) || LABEL_SKIP.has(term) || lowerPlace.includes(term)) continue;
    if (out.some((t) => t.includes(term) || term.includes(t))) continue;
    out.push(term);
    if (out.length === 3) break;
  }
  return out;
}

function commonPath(paths: readonly (string | null)[]): string | null {
  if (paths.length === 0 || paths.some((p) => p === null)) return null;
  let parts = paths[0]!.split('.');
  for (const p of paths.slice(1)) {
    const other = p!.split('.');
    let k = 0;
    while (k < parts.length && k < other.length && parts[k] === other[k]) k++;
    parts = parts.slice(0, k);
  }
  return parts.length ? parts.join('.') : null;
}

/** What changes with the clock and with support: growth, the days, the heat. */
export type TimeFigures = Pick<HotIssue, 'likes' | 'followers' | 'recent' | 'earlier' | 'daily' | 'heat'>;

/**
 * The figures of a group that depend on `now` and on likes and follows (the members themselves,
 * their words and places do not change): what a server recomputes when it reuses a grouping.
 */
export function timeFigures(members: readonly Pick<HotMessage, 'time' | 'likes' | 'followers'>[], reporters: number, spanDays: number, options: Pick<HotIssueOptions, 'now' | 'windowDays'>): TimeFigures {
  const now = options.now.getTime();
  const start = now - options.windowDays * DAY;
  const half = now - (options.windowDays * DAY) / 2;
  const count = members.length;
  const likes = members.reduce((s, m) => s + Math.max(0, m.likes ?? 0), 0);
  const followers = members.reduce((s, m) => s + Math.max(0, m.followers ?? 0), 0);
  const recent = members.filter((m) => m.time.getTime() >= half).length;
  const dayOf = (t: number) => Math.floor((t + TIME_ZONE_OFFSET) / DAY);
  const days = Math.max(1, Math.ceil(options.windowDays));
  const daily = new Array<number>(days).fill(0);
  for (const m of members) {
    const t = m.time.getTime();
    const k = days - 1 - (dayOf(now) - dayOf(t));
    if (k >= 0 && k < days && t >= start) daily[k]!++;
  }
  const heat = heatIndex({ count, reporters, support: likes + followers, recent, spanDays });
  return { likes, followers, recent, earlier: count - recent, daily, heat };
}

function describe(members: Doc[], options: HotIssueOptions): HotIssue {
  members.sort((a, b) => a.t - b.t || (a.m.id < b.m.id ? -1 : 1));
  const count = members.length;
  const reporters = new Set(members.map((d) => d.m.reporter ?? `message:${d.m.id}`)).size;
  const first = members[0]!.t;
  const last = members[count - 1]!.t;
  const spanDays = Math.round(((last - first) / DAY) * 10) / 10;
  const employer = mostCommon(members.filter((d) => d.wage && d.employer).map((d) => d.employer!));
  const wageCount = employer ? members.filter((d) => d.wage && d.employer === employer).length : 0;
  const place = employer && wageCount * 2 >= count ? employer : placeOf(members);
  const terms = problemTerms(members, place);
  const what = terms.slice(0, 2).reduce((acc, t) => (acc && /[\u4e00-\u9fff]$/.test(acc) && /^[\u4e00-\u9fff]/.test(t) ? acc + t : acc ? `${acc} ${t}` : t), '');
  const label = [place, what].filter(Boolean).join(' · ') || members[0]!.m.title.slice(0, 40);
  return {
    id: members[0]!.m.id,
    label,
    place,
    terms,
    employer: employer && wageCount * 2 >= count ? employer : null,
    wageCount,
    count,
    reporters,
    firstAt: new Date(first),
    lastAt: new Date(last),
    spanDays,
    ...timeFigures(members.map((d) => d.m), reporters, spanDays, options),
    memberIds: members.map((d) => d.m.id),
    areaPath: commonPath(members.map((d) => d.areaPath)),
  };
}

/** Hottest first; ties by size, then by id, so the order is stable. */
export const byHeat = (a: HotIssue, b: HotIssue) => b.heat - a.heat || b.count - a.count || (a.id < b.id ? -1 : 1);

/** Hot issues among `messages` in the window ending at `options.now`, hottest first. */
export function detectHotIssues(messages: readonly HotMessage[], options: HotIssueOptions): HotIssue[] {
  const now = options.now.getTime();
  const from = now - options.windowDays * DAY;
  const linkMs = (options.linkDays ?? options.windowDays) * DAY;
  const inWindow = messages.filter((m) => m.time.getTime() >= from && m.time.getTime() <= now);
  const features = inWindow.map((m) => options.cache?.get(m) ?? featuresOf(m));
  const idf = new Idf();
  for (const f of features) idf.add(f.terms);
  const docs: Doc[] = inWindow.map((m, i) => ({
    ...features[i]!,
    m,
    t: m.time.getTime(),
    areaPath: m.area?.path ?? null,
    community: communityOf(m.area?.path ?? null),
    lon: m.lon ?? null,
    lat: m.lat ?? null,
    vector: termVector(features[i]!.terms, idf),
  }));

  const minCount = options.minCount ?? 2;
  return linkedGroups(docs, linkMs)
    .filter((g) => g.length >= minCount)
    .map((g) => describe(g.map((i) => docs[i]!), options))
    .sort(byHeat);
}
