import type { WarningLevel } from '@fengqiao/shared';

// Working-time arithmetic for deadlines (定时限). China has one time zone (UTC+8) and no DST,
// so every calendar question is answered by shifting the instant by +8 h and reading the UTC
// fields of the shifted value. Nothing here reads the machine's TZ, so a server in UTC and a
// laptop in Asia/Shanghai compute the same deadlines.

/** 节假日 on weekdays and 调休 working weekends, keyed by local day 'YYYY-MM-DD'. Admins maintain them. */
export type CalendarOverrides = ReadonlyMap<string, 'holiday' | 'workday'>;

export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;
/** Working periods of a working day, in minutes after local midnight: 09:00–12:00 and 13:30–17:30. */
export const WORKING_PERIODS: readonly (readonly [start: number, end: number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];
export const WORKING_HOURS_PER_DAY = WORKING_PERIODS.reduce((h, [s, e]) => h + (e - s) / 60, 0); // 7
/** The end of a working day (17:30): what "办结 within N working days" means. */
export const END_OF_WORKING_DAY_MINUTES = WORKING_PERIODS[WORKING_PERIODS.length - 1]![1];

/**
 * 临期 (yellow) thresholds. A matter turns yellow when the working time left is below
 * max(YELLOW_SHARE × span, min(YELLOW_HOURS, span / 2)), span = working hours from start to due.
 * For spans of a working day or more (≥ 2 × YELLOW_HOURS) this is exactly "less than 20 % of the
 * span or less than 4 working hours left". For shorter clocks (签收 within 1–4 h) the 4-hour rule
 * alone would make them yellow from the first minute, so there the matter turns yellow once half
 * of its time is gone.
 */
export const YELLOW_SHARE = 0.2;
export const YELLOW_HOURS = 4;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OFFSET = CHINA_UTC_OFFSET_MINUTES * MINUTE;
/** No deadline is years away; the bound turns a calendar with no working days into an error, not a hang. */
const MAX_DAYS_SCANNED = 3 * 366;

/** Local day number (days since 1970-01-01 in +08:00) of an instant. */
const dayNumber = (at: Date): number => Math.floor((at.getTime() + OFFSET) / DAY);
/** Instant at `minutes` after local midnight of day number `day`. */
const instantOf = (day: number, minutes: number): number => day * DAY - OFFSET + minutes * MINUTE;
const dayKey = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The local (+08:00) calendar day of an instant, 'YYYY-MM-DD'. */
export function localDay(at: Date): string {
  return dayKey(dayNumber(at));
}

/** The instant of a local (+08:00) wall-clock time, e.g. localTime('2026-10-09', '17:30'). */
export function localTime(day: string, hhmm = '00:00'): Date {
  return new Date(`${day}T${hhmm}:00+08:00`);
}

/** Overrides from calendar table rows. */
export function overridesFrom(rows: Iterable<{ day: string; kind: 'holiday' | 'workday' }>): Map<string, 'holiday' | 'workday'> {
  return new Map([...rows].map((r) => [r.day, r.kind]));
}

function isWorkingDayNumber(day: number, overrides: CalendarOverrides): boolean {
  const override = overrides.get(dayKey(day));
  if (override) return override === 'workday';
  const weekday = new Date(day * DAY).getUTCDay(); // 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

/** Whether a day is worked: an override decides, else Monday–Friday. `date` is an instant or 'YYYY-MM-DD'. */
export function isWorkingDay(date: Date | string, overrides: CalendarOverrides): boolean {
  const day = typeof date === 'string' ? dayNumber(localTime(date)) : dayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`not a date: ${String(date)}`);
  return isWorkingDayNumber(day, overrides);
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

/**
 * The instant after `hours` of working time from `start`. Only time inside working periods
 * counts; a start outside them (night, lunch, weekend, holiday) begins at the next period.
 * An end that falls exactly on a period's end stays there (12:00, not 13:30).
 */
export function addWorkingHours(start: Date, hours: number, overrides: CalendarOverrides): Date {
  assertFinite(hours, 'hours');
  let remaining = Math.round(hours * HOUR);
  const from = start.getTime();
  const first = dayNumber(start);
  for (let day = first; day < first + MAX_DAYS_SCANNED; day++) {
    if (!isWorkingDayNumber(day, overrides)) continue;
    for (const [ps, pe] of WORKING_PERIODS) {
      const periodEnd = instantOf(day, pe);
      if (from >= periodEnd) continue;
      const begin = Math.max(from, instantOf(day, ps));
      if (remaining <= periodEnd - begin) return new Date(begin + remaining);
      remaining -= periodEnd - begin;
    }
  }
  throw new RangeError(`no working time within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
}

/**
 * 17:30 local of the `days`-th working day after the start day. Following 12345 practice the day
 * of intake never counts, whatever the hour: a matter taken in at 08:00 on Monday with 1 day is
 * due Tuesday 17:30, and one taken in on Saturday is due Monday 17:30. `days = 0` means the end
 * of the first working day on or after the start day (the same day if it is one).
 */
export function addWorkingDays(start: Date, days: number, overrides: CalendarOverrides): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be an integer ≥ 0, got ${days}`);
  const first = dayNumber(start);
  let day = days === 0 ? first - 1 : first;
  let counted = 0;
  const target = Math.max(days, 1);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    day++;
    if (isWorkingDayNumber(day, overrides) && ++counted === target) return new Date(instantOf(day, END_OF_WORKING_DAY_MINUTES));
  }
  throw new RangeError(`no ${days} working days within ${MAX_DAYS_SCANNED} days of ${start.toISOString()}`);
}

/**
 * Working hours between two instants: time left until a deadline (positive) or how far past it
 * a matter is (negative when b is before a).
 */
export function workingHoursBetween(a: Date, b: Date, overrides: CalendarOverrides): number {
  if (b.getTime() < a.getTime()) return -workingHoursBetween(b, a, overrides);
  const from = a.getTime();
  const to = b.getTime();
  const last = dayNumber(b);
  let total = 0;
  for (let day = dayNumber(a); day <= last; day++) {
    if (!isWorkingDayNumber(day, overrides)) continue;
    for (const [ps, pe] of WORKING_PERIODS) {
      const overlap = Math.min(to, instantOf(day, pe)) - Math.max(from, instantOf(day, ps));
      if (overlap > 0) total += overlap;
    }
  }
  return total / HOUR;
}

/** 超期 (red) when now ≥ dueAt; 临期 (yellow) by the rule at YELLOW_SHARE; else none. */
export function warningLevel(now: Date, dueAt: Date, startedAt: Date, overrides: CalendarOverrides): WarningLevel {
  if (now.getTime() >= dueAt.getTime()) return 'red';
  const left = workingHoursBetween(now, dueAt, overrides);
  const span = Math.max(0, workingHoursBetween(startedAt, dueAt, overrides));
  const threshold = Math.max(YELLOW_SHARE * span, Math.min(YELLOW_HOURS, span / 2));
  return left < threshold || left === 0 ? 'yellow' : 'none';
}
