import { z } from 'zod';

// Dates as the API takes them, in query strings, paths and bodies alike. zod's ISO formats check
// the calendar (no 2026-02-31, no 2026-02-29, no month 13, no 24:00). On top of that the year is
// bounded and an offset must be one a clock can show, so PostgreSQL is never handed a date it
// refuses (year 0000, an offset of +16:00) and a typo such as year 2206 is caught at the field.

export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

const onlyIfValid = { when: (payload: { issues: unknown[] }) => payload.issues.length === 0 };
const inYears = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
const yearRule = { message: `the year must be from ${FIRST_YEAR} to ${LAST_YEAR}`, ...onlyIfValid };

/** UTC−12:00 to UTC+14:00: the offsets clocks use. */
const realOffset = (s: string) => {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(s);
  if (!m) return true;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return minutes >= -12 * 60 && minutes <= 14 * 60;
};

/** A calendar day, 'YYYY-MM-DD', with no time zone. */
export const CalendarDate = z.iso.date('a day is YYYY-MM-DD and must exist in the calendar').refine(inYears, yearRule);

/** An instant: ISO 8601 with seconds and its offset, 2026-12-01T10:00:00+08:00 or …Z. */
export const DateTime = z.iso
  .datetime({ offset: true, error: 'a time is YYYY-MM-DDThh:mm:ss with an offset (+08:00 or Z), on a real calendar day and clock time' })
  .refine(inYears, yearRule)
  .refine(realOffset, { message: 'the offset must be from -12:00 to +14:00', ...onlyIfValid });

/** A calendar month, 'YYYY-MM'. */
export const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM')
  .refine(inYears, yearRule);
