import { afterEach, describe, expect, it } from 'vitest';
import { HOLIDAYS_2026 } from './holidays-2026.js';
import {
  WORKING_HOURS_PER_DAY,
  addWorkingDays,
  addWorkingHours,
  isWorkingDay,
  localDay,
  localTime,
  overridesFrom,
  warningLevel,
  workingHoursBetween,
  type CalendarOverrides,
} from './working-time.js';

const at = (day: string, hhmm: string) => localTime(day, hhmm);
const none: CalendarOverrides = new Map();
/**
 * 国庆 2026 as a test fixture (not the seed data): 10-01..10-07 off, 调休 on Sunday 09-20 and
 * Saturday 10-10, plus 中秋 on Friday 09-25.
 */
const golden: CalendarOverrides = new Map([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const),
  ['2026-09-25', 'holiday'],
  ['2026-09-20', 'workday'],
  ['2026-10-10', 'workday'],
]);
const iso = (d: Date) => d.toISOString();

describe('isWorkingDay', () => {
  it('is Monday–Friday by default, and overrides win', () => {
    expect(WORKING_HOURS_PER_DAY).toBe(7);
    expect(isWorkingDay('2026-03-06', none)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', none)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-05', none)).toBe(true); // a Monday…
    expect(isWorkingDay('2026-10-05', golden)).toBe(false); // …inside 国庆
    expect(isWorkingDay('2026-10-10', none)).toBe(false); // a Saturday…
    expect(isWorkingDay('2026-10-10', golden)).toBe(true); // …worked as 调休
    expect(isWorkingDay(at('2026-09-20', '12:00'), golden)).toBe(true); // 调休 Sunday
  });

  it('reads the day in +08:00: 00:30 Monday in Beijing is still Sunday in UTC', () => {
    const mondayEarly = new Date('2026-03-08T16:30:00Z');
    expect(localDay(mondayEarly)).toBe('2026-03-09');
    expect(isWorkingDay(mondayEarly, none)).toBe(true);
    expect(isWorkingDay(new Date('2026-03-06T16:30:00Z'), none)).toBe(false); // Saturday 00:30 local
  });
});

describe('addWorkingHours', () => {
  it('carries over a weekend', () => {
    expect(addWorkingHours(at('2026-03-06', '16:00'), 4, none)).toEqual(at('2026-03-09', '11:30'));
    expect(addWorkingHours(at('2026-03-06', '17:00'), 1, none)).toEqual(at('2026-03-09', '09:30')); // Friday 17:00
  });

  it('starts at the next working period from night, early morning, lunch and weekend starts', () => {
    expect(addWorkingHours(at('2026-03-10', '20:00'), 2, none)).toEqual(at('2026-03-11', '11:00'));
    expect(addWorkingHours(at('2026-03-11', '07:00'), 3, none)).toEqual(at('2026-03-11', '12:00')); // ends on a period end
    expect(addWorkingHours(at('2026-03-11', '12:30'), 1, none)).toEqual(at('2026-03-11', '14:30'));
    expect(addWorkingHours(at('2026-03-11', '11:00'), 2, none)).toEqual(at('2026-03-11', '14:30')); // skips lunch
    expect(addWorkingHours(at('2026-03-07', '10:00'), 1, none)).toEqual(at('2026-03-09', '10:00')); // Saturday
    expect(addWorkingHours(at('2026-03-10', '18:00'), 0, none)).toEqual(at('2026-03-11', '09:00'));
    expect(addWorkingHours(at('2026-03-09', '09:00'), 7, none)).toEqual(at('2026-03-09', '17:30'));
    expect(addWorkingHours(at('2026-03-09', '10:00'), 7, none)).toEqual(at('2026-03-10', '10:00'));
    expect(addWorkingHours(at('2026-03-09', '10:00'), 0.25, none)).toEqual(at('2026-03-09', '10:15'));
  });

  it('skips a holiday week and works a 调休 Saturday', () => {
    expect(addWorkingHours(at('2026-09-30', '16:00'), 4, golden)).toEqual(at('2026-10-08', '11:30'));
    expect(addWorkingHours(at('2026-10-09', '17:00'), 2, golden)).toEqual(at('2026-10-10', '10:30'));
    expect(addWorkingHours(at('2026-10-09', '17:00'), 2, none)).toEqual(at('2026-10-12', '10:30'));
  });

  it('rejects negative or non-finite hours and a calendar with no working days', () => {
    expect(() => addWorkingHours(at('2026-03-09', '09:00'), -1, none)).toThrow(RangeError);
    expect(() => addWorkingHours(at('2026-03-09', '09:00'), Number.NaN, none)).toThrow(RangeError);
    const allOff = { get: () => 'holiday' as const } as unknown as CalendarOverrides;
    expect(() => addWorkingHours(at('2026-03-09', '09:00'), 1, allOff)).toThrow(/no working time/);
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of intake, whatever the hour (12345 practice)', () => {
    expect(addWorkingDays(at('2026-03-09', '08:00'), 1, none)).toEqual(at('2026-03-10', '17:30'));
    expect(addWorkingDays(at('2026-03-09', '23:59'), 1, none)).toEqual(at('2026-03-10', '17:30'));
    expect(addWorkingDays(at('2026-03-11', '10:00'), 5, none)).toEqual(at('2026-03-18', '17:30'));
  });

  it('carries over a weekend and starts counting after a weekend intake', () => {
    expect(addWorkingDays(at('2026-03-06', '10:00'), 1, none)).toEqual(at('2026-03-09', '17:30'));
    expect(addWorkingDays(at('2026-03-07', '10:00'), 1, none)).toEqual(at('2026-03-09', '17:30'));
    expect(addWorkingDays(at('2026-03-07', '10:00'), 0, none)).toEqual(at('2026-03-09', '17:30'));
    expect(addWorkingDays(at('2026-03-09', '10:00'), 0, none)).toEqual(at('2026-03-09', '17:30'));
  });

  it('skips 国庆 and counts the 调休 Saturday and Sunday', () => {
    expect(addWorkingDays(at('2026-09-30', '10:00'), 3, golden)).toEqual(at('2026-10-10', '17:30'));
    expect(addWorkingDays(at('2026-09-30', '10:00'), 3, none)).toEqual(at('2026-10-05', '17:30'));
    expect(addWorkingDays(at('2026-09-18', '10:00'), 1, golden)).toEqual(at('2026-09-20', '17:30'));
    expect(addWorkingDays(at('2026-09-24', '10:00'), 1, golden)).toEqual(at('2026-09-28', '17:30')); // 中秋 Friday off
  });

  it('rejects fractional or negative days', () => {
    expect(() => addWorkingDays(at('2026-03-09', '09:00'), 1.5, none)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-03-09', '09:00'), -1, none)).toThrow(RangeError);
  });
});

describe('workingHoursBetween', () => {
  it('counts only working time, negative when the end is earlier', () => {
    expect(workingHoursBetween(at('2026-03-06', '16:00'), at('2026-03-09', '11:30'), none)).toBe(4);
    expect(workingHoursBetween(at('2026-03-09', '11:30'), at('2026-03-06', '16:00'), none)).toBe(-4);
    expect(workingHoursBetween(at('2026-03-09', '10:00'), at('2026-03-09', '15:00'), none)).toBe(3.5);
    expect(workingHoursBetween(at('2026-03-09', '09:00'), at('2026-03-16', '09:00'), none)).toBe(35);
    expect(workingHoursBetween(at('2026-09-30', '09:00'), at('2026-10-08', '17:30'), golden)).toBe(14);
    expect(workingHoursBetween(at('2026-03-07', '09:00'), at('2026-03-08', '17:30'), none)).toBe(0);
  });

  it('inverts addWorkingHours from any start', () => {
    for (const start of [at('2026-09-30', '16:10'), at('2026-10-09', '12:45'), at('2026-03-08', '03:00'), at('2026-03-11', '17:29')]) {
      for (const h of [0.5, 3, 7, 10.25, 40]) {
        expect(workingHoursBetween(start, addWorkingHours(start, h, golden), golden)).toBeCloseTo(h, 9);
      }
    }
  });
});

describe('warningLevel', () => {
  const start = at('2026-03-09', '09:00');
  it('turns yellow under 20 % of a long span and red at the deadline', () => {
    const due = addWorkingDays(start, 5, none); // Monday 03-16 17:30; span 42 h, 20 % = 8.4 h
    expect(due).toEqual(at('2026-03-16', '17:30'));
    expect(warningLevel(at('2026-03-13', '09:00'), due, start, none)).toBe('none'); // 14 h left
    expect(warningLevel(at('2026-03-13', '13:30'), due, start, none)).toBe('none'); // 11 h left
    expect(warningLevel(at('2026-03-14', '10:00'), due, start, none)).toBe('yellow'); // weekend: 7 h left
    expect(warningLevel(due, due, start, none)).toBe('red');
    expect(warningLevel(at('2026-03-17', '09:00'), due, start, none)).toBe('red');
  });

  it('turns yellow under 4 working hours when that is more than 20 %', () => {
    const due = addWorkingDays(start, 1, none); // Tuesday 17:30; span 14 h
    expect(warningLevel(at('2026-03-10', '13:30'), due, start, none)).toBe('none'); // exactly 4 h left
    expect(warningLevel(at('2026-03-10', '13:31'), due, start, none)).toBe('yellow');
  });

  it('does not start a short 签收 clock yellow: half the time must be gone', () => {
    const due = addWorkingHours(start, 4, none); // 14:30
    expect(warningLevel(at('2026-03-09', '09:00'), due, start, none)).toBe('none');
    expect(warningLevel(at('2026-03-09', '11:00'), due, start, none)).toBe('none'); // 2 h of 4 left
    expect(warningLevel(at('2026-03-09', '11:30'), due, start, none)).toBe('yellow');
  });

  it('counts holidays out of the time left', () => {
    const s = at('2026-09-21', '09:00');
    const due = addWorkingDays(s, 5, golden); // 22,23,24,28,29 → 09-29 17:30 (25 中秋, 26/27 weekend)
    expect(due).toEqual(at('2026-09-29', '17:30'));
    expect(warningLevel(at('2026-09-25', '10:00'), due, s, golden)).toBe('none'); // 14 h of 42 left
    expect(workingHoursBetween(at('2026-09-25', '10:00'), due, golden)).toBe(14);
    expect(warningLevel(at('2026-09-29', '09:00'), due, s, golden)).toBe('yellow'); // 7 h left
  });
});

describe('machine time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('gives the same instants whatever process.env.TZ says', () => {
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      const fridayFour = new Date(Date.UTC(2026, 2, 6, 8, 0)); // 16:00 in Beijing
      expect(iso(addWorkingHours(fridayFour, 4, none)), tz).toBe('2026-03-09T03:30:00.000Z');
      expect(iso(addWorkingDays(fridayFour, 1, none)), tz).toBe('2026-03-09T09:30:00.000Z');
      expect(iso(addWorkingDays(new Date(Date.UTC(2026, 8, 29, 17, 0)), 1, golden)), tz).toBe('2026-10-08T09:30:00.000Z'); // 09-30 01:00 local
      expect(workingHoursBetween(new Date(Date.UTC(2026, 2, 8, 23, 0)), new Date(Date.UTC(2026, 2, 9, 9, 30)), none), tz).toBe(7);
      expect(localDay(new Date(Date.UTC(2026, 2, 8, 16, 0))), tz).toBe('2026-03-09');
    }
  });
});

describe('HOLIDAYS_2026 seed', () => {
  const overrides = overridesFrom(HOLIDAYS_2026);
  const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

  it('has one row per day, named, with 调休 only on weekends', () => {
    expect(overrides.size).toBe(HOLIDAYS_2026.length);
    for (const d of HOLIDAYS_2026) {
      expect(d.day).toMatch(/^2026-\d{2}-\d{2}$/);
      expect(d.name.length).toBeGreaterThan(0);
      if (d.kind === 'workday') expect([0, 6], d.day).toContain(weekday(d.day));
    }
    expect(HOLIDAYS_2026.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });

  it('gives 国庆 seven days off between two 调休 working weekend days', () => {
    expect(isWorkingDay('2026-09-20', overrides)).toBe(true);
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`, overrides)).toBe(false);
    expect(isWorkingDay('2026-10-10', overrides)).toBe(true);
    expect(addWorkingDays(at('2026-09-30', '10:00'), 1, overrides)).toEqual(at('2026-10-08', '17:30'));
    expect(addWorkingDays(at('2026-02-13', '10:00'), 1, overrides)).toEqual(at('2026-02-14', '17:30')); // 春节前调休 Saturday
  });
});
