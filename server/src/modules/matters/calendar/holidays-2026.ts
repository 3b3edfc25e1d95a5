import type { CalendarDay } from '@fengqiao/shared';

// Seed rows for the working-day calendar: the 2026 public holidays and 调休 working weekends,
// after 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025). Written from memory of
// that notice, not copied from it: an admin should check it against the official text and edit
// the calendar table where it differs. Weekend days inside a holiday are listed too (harmless for
// the arithmetic, since weekends rest anyway) so the calendar page can show the holiday's name.

const holiday = (name: string, ...days: string[]): CalendarDay[] => days.map((day) => ({ day, kind: 'holiday', name }));
const workday = (name: string, ...days: string[]): CalendarDay[] => days.map((day) => ({ day, kind: 'workday', name: `${name}调休上班` }));
/** Consecutive days from `first` (inclusive), as 'YYYY-MM-DD'. */
const run = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

export const HOLIDAYS_2026: readonly CalendarDay[] = [
  // 元旦: 1月1日(周四)–3日(周六), 3天; 1月4日(周日)上班.
  ...holiday('元旦', ...run('2026-01-01', 3)),
  ...workday('元旦', '2026-01-04'),
  // 春节: 2月15日(腊月二十八, 周日)–23日(正月初七, 周一), 9天; 2月14日(周六)、2月28日(周六)上班.
  ...holiday('春节', ...run('2026-02-15', 9)),
  ...workday('春节', '2026-02-14', '2026-02-28'),
  // 清明节: 4月4日(周六)–6日(周一), 3天.
  ...holiday('清明节', ...run('2026-04-04', 3)),
  // 劳动节: 5月1日(周五)–5日(周二), 5天; 5月9日(周六)上班.
  ...holiday('劳动节', ...run('2026-05-01', 5)),
  ...workday('劳动节', '2026-05-09'),
  // 端午节: 6月19日(周五)–21日(周日), 3天.
  ...holiday('端午节', ...run('2026-06-19', 3)),
  // 中秋节: 9月25日(周五)–27日(周日), 3天.
  ...holiday('中秋节', ...run('2026-09-25', 3)),
  // 国庆节: 10月1日(周四)–7日(周三), 7天; 9月20日(周日)、10月10日(周六)上班.
  ...holiday('国庆节', ...run('2026-10-01', 7)),
  ...workday('国庆节', '2026-09-20', '2026-10-10'),
];
