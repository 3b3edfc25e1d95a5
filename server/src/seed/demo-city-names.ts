// Place data for the demo city 乌海市. District, street and town names are real; community and
// village names are plausible inventions (新桥社区 is the one the demo users live in).

export interface StreetSeed {
  name: string;
  /** Communities at scale 1 (2–6 per street). */
  communities: string[];
}

export interface DistrictSeed {
  code: string;
  name: string;
  /** Approximate centre [lon, lat]. */
  centre: [number, number];
  /** Grids at scale 1. */
  grids: number;
  streets: StreetSeed[];
}

export const CITY = { code: '150300', name: '乌海市' } as const;

export const DISTRICTS: DistrictSeed[] = [
  {
    code: '150302',
    name: '海勃湾区',
    centre: [106.82, 39.68],
    grids: 150,
    streets: [
      { name: '新华街道', communities: ['新华社区', '人民路社区', '胜利社区', '团结社区'] },
      { name: '新华西街道', communities: ['新华西社区', '和平社区', '光明社区'] },
      { name: '海北街道', communities: ['海北社区', '北环社区', '育才社区', '康乐社区'] },
      { name: '凤凰岭街道', communities: ['凤凰岭社区', '凤凰社区', '幸福社区'] },
      { name: '车站街道', communities: ['车站社区', '铁路社区', '站前社区'] },
      { name: '林荫街道', communities: ['林荫社区', '绿洲社区', '滨湖社区'] },
      { name: '滨河街道', communities: ['滨河社区', '黄河社区', '海馨社区', '金沙湾社区'] },
      { name: '千里山镇', communities: ['千里山村', '王元地村', '团结村', '新地村', '卡布其村'] },
    ],
  },
  {
    code: '150303',
    name: '海南区',
    centre: [106.89, 39.44],
    grids: 152,
    streets: [
      { name: '拉僧仲街道', communities: ['新桥社区', '拉僧仲社区', '海达社区', '赛汗社区'] },
      { name: '西卓子山街道', communities: ['西卓子山社区', '卓子山社区', '永安社区'] },
      { name: '巴音陶亥镇', communities: ['巴音陶亥村', '万亩滩村', '东红村', '赛汗乌素嘎查', '新星村'] },
      { name: '公乌素镇', communities: ['公乌素村', '团结村', '巴音乌素嘎查'] },
      { name: '拉僧庙镇', communities: ['拉僧庙村', '乌兰布和嘎查', '利民村'] },
    ],
  },
  {
    code: '150304',
    name: '乌达区',
    centre: [106.72, 39.5],
    grids: 148,
    streets: [
      { name: '新达街道', communities: ['新达社区', '新星社区', '朝阳社区'] },
      { name: '三道坎街道', communities: ['三道坎社区', '民主社区', '和谐社区'] },
      { name: '梁家沟街道', communities: ['梁家沟社区', '工人社区', '建设社区'] },
      { name: '苏海图街道', communities: ['苏海图社区', '文化社区', '惠民社区'] },
      { name: '五虎山街道', communities: ['五虎山社区', '兴业社区'] },
      { name: '滨海街道', communities: ['滨海社区', '金海社区', '海韵社区'] },
      { name: '巴音赛街道', communities: ['巴音赛社区', '安居社区'] },
      { name: '乌兰淖尔镇', communities: ['乌兰淖尔村', '苏木图嘎查', '新丰村', '星光村'] },
    ],
  },
];

export const isTown = (streetName: string) => streetName.endsWith('镇');

const URBAN_WORDS = [
  '和平', '友谊', '幸福', '光明', '建设', '胜利', '团结', '阳光', '春晖', '康乐', '安居', '富民', '兴业', '文明',
  '育才', '民生', '长青', '锦绣', '和顺', '瑞祥', '福安', '宏达', '新城', '新苑', '金桥', '银河', '东山', '西园',
  '南湖', '北苑', '朝阳', '晨光', '繁荣', '昌盛', '顺达', '惠民', '祥和', '永安', '泰和', '华西',
];
/** Han village names take 村; Mongolian ones (the second half) take 嘎查. */
const RURAL_WORDS = [
  '前进', '红旗', '丰收', '新丰', '永丰', '五一', '东风', '向阳', '新民', '联合',
  '乌兰', '阿拉坦', '巴彦', '赛罕', '乌力吉', '宝力格', '额尔德尼', '查干', '哈达', '图门',
];
const NUMERALS = ['', '', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * The k-th extra community name for scales above 1, unique within `taken` (which it extends).
 * Words repeat with a numeral once the pool runs out (和平二社区).
 */
export function extraCommunityName(town: boolean, k: number, taken: Set<string>): string {
  const pool = town ? RURAL_WORDS : URBAN_WORDS;
  for (let i = k; ; i++) {
    const word = pool[i % pool.length]!;
    const round = Math.floor(i / pool.length) + 1;
    const numeral = NUMERALS[round] ?? String(round);
    const suffix = !town ? '社区' : i % pool.length >= pool.length / 2 ? '嘎查' : '村';
    const name = `${word}${numeral}${suffix}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
