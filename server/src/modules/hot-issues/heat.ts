// The heat index of a group of messages about one problem at one place (docs/text/hot-issues.md):
//
//   heat = (u + 0.25 · (n − u)) · (1 + 0.3 · ln(1 + likes + followers)) · (0.8 + 0.4 · recent / n) · (1 + 0.1 · ln(1 + span days))
//
// n messages from u distinct people: each person counts once in full and each repeat from the
// same person a quarter (one insistent person is not ten); support from others (likes, follows) on a
// log scale, so one viral post does not outweigh many reporters; growth: the share of the group
// in the later half of the window moves the score between 0.8 (all old) and 1.2 (all new); span:
// a problem reported over weeks weighs a little more than a one-day burst about one incident.

export interface HeatInput {
  count: number;
  reporters: number;
  /** Likes and followers together. */
  support: number;
  /** Messages in the later half of the window. */
  recent: number;
  spanDays: number;
}

export function heatIndex(h: HeatInput): number {
  if (h.count <= 0) return 0;
  const voices = h.reporters + 0.25 * Math.max(0, h.count - h.reporters);
  const support = 1 + 0.3 * Math.log1p(Math.max(0, h.support));
  const growth = 0.8 + 0.4 * Math.min(1, Math.max(0, h.recent / h.count));
  const span = 1 + 0.1 * Math.log1p(Math.max(0, h.spanDays));
  return Math.round(voices * support * growth * span * 10) / 10;
}
