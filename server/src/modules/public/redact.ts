// Redaction of free text shown in public (the feed, a post's page): citizens write their phone,
// ID number, flat or somebody's name into a complaint. What the patterns catch is masked. Names
// are caught when the caller knows them (the reporter's own) and where the text marks them: after
// 我叫/联系人/业主 …, or a common surname with one or two characters before 电话/手机/先生/女士 ….
// A bare name in running text with no such cue is not recognised; masking too much is the safe side.

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

/** The commonest surnames (百家姓 by frequency), less those that are also everyday words (单位, 管理, 车辆 …). */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝宁舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤阳穆卓吉缪芦麦褚娄窦戚岑景宫卜晏席卫米柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄仲虞敖巩佘苑迟邝';
/** A character of a given name: Han, but not the 的 or the cue word that follows a name. */
const HAN = '(?:(?!的|电话|手机)[\\u4e00-\\u9fa5])';
const NAME_RULES: [RegExp, (m: string, ...groups: string[]) => string][] = [
  // 我叫王小明 / 联系人：王小明 / 业主王小明 → 我叫王**
  [
    new RegExp(`(我叫|名叫|叫做|本人|姓名|联系人|户主|业主|房东|租户|负责人|包工头|老板|经理)([:：\\s]*)([${SURNAMES}]${HAN}{1,2})`, 'g'),
    (_m, cue, sep, name) => `${cue}${sep}${maskName(name)}`,
  ],
  // 王建国电话 / 王建国的手机 / 李明先生 → 王**电话
  [new RegExp(`([${SURNAMES}]${HAN}{1,2})(?=的?(?:电话|手机|联系方式|微信|先生|女士|师傅))`, 'g'), (_m, name) => maskName(name)],
];

/**
 * Masks phone and ID numbers, e-mail addresses, room numbers and names in text shown to the
 * public; `knownNames` (e.g. the reporter's own) are masked wherever they stand.
 */
export function redactText(s: string, knownNames: readonly string[] = []): string {
  let out = s;
  for (const name of knownNames) if (name.length >= 2) out = out.replaceAll(name, maskName(name));
  for (const [pattern, replace] of [...RULES, ...NAME_RULES]) out = out.replace(pattern, replace as (m: string, ...g: string[]) => string);
  return out;
}

/** 王小明 → 王** */
export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;
}
