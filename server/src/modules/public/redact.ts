// Redaction of free text shown in public (the feed, a post's page): citizens write their phone,
// ID number or flat into a complaint. What the patterns catch is masked; the rest is out of
// scope (names in running text, e.g. after 我叫, are not recognised).

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

const RULES: [RegExp, (m: string, ...groups: string[]) => string][] = [
  // e-mail: z***@example.com
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, (m) => `${m[0]}***@${m.slice(m.indexOf('@') + 1)}`],
  // 身份证号 (18): 110***********1234
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => `${m.slice(0, 3)}${stars(11)}${m.slice(-4)}`],
  // 手机号, also written 138-1234-5678, 138 1234 5678 or +86 13812345678: 138****5678
  [/(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])/g, (_m, a, _b, c) => `${a}****${c}`],
  // 座机 0473-1234567 / (0473)12345678: 0473-*****67
  [/(?<![0-9])\(?(0\d{2,3})\)?[- ]?(\d{7,8})(?![0-9])/g, (_m, area, n) => `${area}-${stars(n.length - 2)}${n.slice(-2)}`],
  // Any other run of 7 or more digits (a local number, a 15-digit ID number, a bank card): 12*****89
  [/(?<![0-9])\d{7,}(?![0-9])/g, (m) => `${m.slice(0, 2)}${stars(m.length - 4)}${m.slice(-2)}`],
  // 门牌: keep the building, drop unit and room. 3号楼2单元501 / 3栋501室 / 3号楼2单元 → 3号楼** / 3栋**
  [
    /(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(号楼|栋|幢|座|号院|楼)\s*-?\s*(?:\d{1,2}\s*(?:单元|门)\s*-?\s*(?:\d{1,2}\s*(?:层|楼)\s*)?(?:\d{2,4}\s*(?:室|号|房|户)?)?|\d{2,4}\s*(?:室|号|房|户)?)/g,
    (_m, n, kind) => `${n}${kind}**`,
  ],
  // 2单元501 / 2单元501室 without a building
  [/\d{1,2}\s*单元\s*-?\s*(?:\d{2,4}\s*(?:室|号|房|户)?)?/g, () => '**'],
  // 501室 / 1203户
  [/(?<![0-9])\d{3,4}\s*(?:室|户)/g, () => '**'],
  // 3-2-501 (楼-单元-室)
  [/(?<![0-9])\d{1,3}-\d{1,2}-\d{3,4}(?![0-9])/g, () => '**'],
];

/** Masks phone and ID numbers, e-mail addresses and room numbers in text shown to the public. */
export function redactText(s: string): string {
  let out = s;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}

/** 王小明 → 王** */
export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;
}
