// Identity numbers of dispute parties: 居民身份证号码 (GB 11643-1999) for people and
// 统一社会信用代码 (GB 32100-2015) for organisations. Each answers null when valid, else a message
// saying what is wrong, so the form can show it next to the field.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18 characters: 6-digit region, 8-digit birth date, 3-digit sequence, check digit (0-9 or X). */
export function residentIdProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码 is 18 characters: 17 digits and a final digit or X';
  const born = id.slice(6, 14);
  const date = new Date(`${born.slice(0, 4)}-${born.slice(4, 6)}-${born.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== born || born < '19000101') {
    return `居民身份证号码: ${born} is not a date of birth`;
  }
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  const expected = ID_CHECK[sum % 11]!;
  return id[17] === expected ? null : `居民身份证号码: the check digit should be ${expected}, not ${id[17]} (a digit is probably mistyped)`;
}

/** The 31 characters of a 统一社会信用代码 (no I, O, S, V, Z), in value order. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 18 characters: registering authority, kind, 6-digit region, 9-character organisation code, check character. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码 is 18 characters';
  const bad = [...code].find((c) => !USCC_CHARS.includes(c));
  if (bad !== undefined) return `统一社会信用代码 uses digits and capital letters other than I, O, S, V, Z; “${bad}” is not allowed`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码: characters 3-8 are the region code (6 digits)';
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(code[i]!), 0);
  const expected = USCC_CHARS[(31 - (sum % 31)) % 31]!;
  return code[17] === expected ? null : `统一社会信用代码: the check character should be ${expected}, not ${code[17]} (a character is probably mistyped)`;
}

/** 150302199001011234 → 1503**********1234: enough to tell two parties apart, not to use the number. */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '*'.repeat(id.length);
}
