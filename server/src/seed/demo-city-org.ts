import type { OrgKind, Role } from '@fengqiao/shared';
import type { CityLayout, DemoOrgUnit, DemoUser } from './demo-city.js';
import { CATEGORY_CATALOGUE } from '../modules/matters/catalogue.js';
import { CITY } from './demo-city-names.js';
import { digits, randomInt } from './random.js';

// Organisation units and demo users of the demo city. Keys are stable strings (kind:areaCode)
// so the seed can link parents and users before any database ids exist.

// Category codes are those of the seed catalogue (modules/matters/catalogue.ts); a first-level
// code means the unit handles every second level under it.
const DISPUTES = ['dispute.neighbor', 'dispute.family', 'dispute.land', 'dispute.contract', 'dispute.property'];
/** A 综治中心 triages every matter, so it takes all categories. */
const CENTER = CATEGORY_CATALOGUE.map((c) => c.code);
const DEPARTMENTS: { key: string; name: string; categories: string[] }[] = [
  { key: 'hrss', name: '人社局', categories: ['labor', 'dispute.labor'] },
  { key: 'housing', name: '住建局', categories: ['urban_construction', 'safety.dangerous_building', 'dispute.property'] },
  { key: 'urban', name: '城管局', categories: ['city_appearance', 'street_order', 'urban_construction.illegal_building'] },
  { key: 'market', name: '市场监管局', categories: ['market'] },
  { key: 'petition', name: '信访局', categories: ['petition'] },
  { key: 'women', name: '妇联', categories: ['dispute.family', 'civil_affairs.women_children'] },
];

/** Property companies answer for their own service and are a party to property disputes. */
const PROPERTY = ['urban_construction.property_service', 'dispute.property'];

/** 拉僧仲街道 → 拉僧仲, as police stations and judicial offices are named. */
const shortName = (street: string) => street.replace(/(街道|镇)$/, '');

export function buildOrgUnits(layout: CityLayout, random: () => number): DemoOrgUnit[] {
  const units: DemoOrgUnit[] = [];
  const phone = () => `0473-${randomInt(random, 2, 8)}${digits(random, 6)}`;
  const add = (key: string, name: string, kind: OrgKind, areaCode: string, parentKey: string | null, categories: string[]) =>
    units.push({ key, name, kind, areaCode, parentKey, categories, phone: phone() });

  add(`center:${CITY.code}`, `${CITY.name}综治中心`, 'center', CITY.code, null, CENTER);
  for (const d of layout.districts) {
    const center = `center:${d.code}`;
    add(center, `${d.name}综治中心`, 'center', d.code, `center:${CITY.code}`, CENTER);
    for (const dept of DEPARTMENTS) add(`dept:${d.code}:${dept.key}`, `${d.name}${dept.name}`, 'department', d.code, center, dept.categories);
    add(`court:${d.code}`, `${d.name}人民法庭`, 'court', d.code, center, ['dispute.contract', 'legal_service.judicial_confirmation']);
    for (const s of d.streets) {
      const streetCenter = `center:${s.code}`;
      add(streetCenter, `${s.name}综治中心`, 'center', s.code, center, CENTER);
      add(`police:${s.code}`, `${shortName(s.name)}派出所`, 'police_station', s.code, streetCenter, ['public_order', 'dispute.neighbor', 'transport.traffic_order']);
      add(`judicial:${s.code}`, `${shortName(s.name)}司法所`, 'judicial_office', s.code, streetCenter, ['dispute', 'legal_service.legal_aid']);
      if (s.town) add(`mediation:${s.code}`, `${s.name}人民调解委员会`, 'mediation_committee', s.code, streetCenter, DISPUTES);
    }
  }

  const gongwusu = street(layout, '150303', '公乌素镇');
  const bayintaohai = street(layout, '150303', '巴音陶亥镇');
  const lasengzhong = street(layout, '150303', '拉僧仲街道');
  const xinqiao = community(lasengzhong, '新桥社区');
  add('studio:liulei', '刘磊工作室', 'studio', gongwusu.code, `judicial:${gongwusu.code}`, [...DISPUTES, 'labor.wage_arrears']);
  add('studio:laoshuji', '老书记工作室', 'studio', bayintaohai.code, `mediation:${bayintaohai.code}`, DISPUTES);
  add('studio:chenjie', '陈姐工作室', 'studio', xinqiao.code, `center:${lasengzhong.code}`, ['dispute.neighbor', 'dispute.family', 'dispute.property']);

  const xinda = street(layout, '150304', '新达街道');
  const xinhua = street(layout, '150302', '新华街道');
  add('property:xinhai', '乌海市鑫海物业服务有限公司', 'property_company', xinqiao.code, null, PROPERTY);
  add('property:hongyuan', '乌达区宏源物业管理有限公司', 'property_company', xinda.code, null, PROPERTY);
  add('property:huatai', '海勃湾区华泰物业服务有限公司', 'property_company', xinhua.code, null, PROPERTY);
  return units;
}

export function buildUsers(layout: CityLayout, units: DemoOrgUnit[], random: () => number): DemoUser[] {
  const lasengzhong = street(layout, '150303', '拉僧仲街道');
  const xinqiao = community(lasengzhong, '新桥社区');
  const firstGrid = xinqiao.gridCodes[0]!;
  const building = xinqiao.buildingCodes[0]!;
  const gongwusu = street(layout, '150303', '公乌素镇');
  const xinda = street(layout, '150304', '新达街道');
  const hainan = '150303';

  const mobile = () => `1${randomInt(random, 3, 9)}${digits(random, 9)}`;
  const user = (username: string, displayName: string, role: Role, unitKey: string | null, scopeAreaCode: string): DemoUser => {
    if (unitKey && !units.some((u) => u.key === unitKey)) throw new Error(`demo user ${username}: no unit ${unitKey}`);
    return { username, displayName, roles: [role], unitKey, scopeAreaCode, phone: mobile() };
  };
  const cityCenter = `center:${CITY.code}`;
  const streetCenter = `center:${lasengzhong.code}`;
  return [
    user('admin', '赵志刚', 'admin', cityCenter, CITY.code),
    user('zhihui', '孙丽娟', 'command_operator', cityCenter, CITY.code),
    user('shenji', '周文静', 'auditor', cityCenter, CITY.code),
    user('diaodu', '李海燕', 'dispatcher', streetCenter, lasengzhong.code),
    user('diaodu2', '张晓东', 'dispatcher', `center:${xinda.code}`, xinda.code),
    user('wanggeyuan', '王秀英', 'grid_worker', streetCenter, firstGrid),
    user('wanggezhang', '刘建军', 'grid_leader', streetCenter, xinqiao.code),
    user('loudongzhang', '陈桂兰', 'building_leader', null, building),
    user('shequ', '杨慧敏', 'community_staff', streetCenter, xinqiao.code),
    user('chengban', '郭鹏飞', 'dept_handler', `dept:${hainan}:housing`, hainan),
    user('bumenlingdao', '马振华', 'dept_leader', `dept:${hainan}:housing`, hainan),
    user('tiaojie', '刘磊', 'mediator', 'studio:liulei', gongwusu.code),
    user('baoan', '高建平', 'case_leader', `center:${hainan}`, hainan),
    user('qunzhong', '吴春梅', 'citizen', null, CITY.code),
  ];
}

function street(layout: CityLayout, districtCode: string, name: string) {
  const found = layout.districts.find((d) => d.code === districtCode)?.streets.find((s) => s.name === name);
  if (!found) throw new Error(`demo city: no street ${name} in ${districtCode}`);
  return found;
}

function community(s: CityLayout['districts'][number]['streets'][number], name: string) {
  const found = s.communities.find((c) => c.name === name);
  if (!found) throw new Error(`demo city: no community ${name} in ${s.name}`);
  return found;
}
