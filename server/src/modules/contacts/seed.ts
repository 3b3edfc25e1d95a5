import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

// Demo contacts for 乌海市 / 海南区 / 拉僧仲街道 / 新桥社区: invented names, plausible numbers.
// Runs inside the demo-city loader's transaction (never the root db: see ARCHITECTURE Pitfalls).

type Level = 'city' | 'district' | 'street' | 'community';
interface DemoContact {
  level: Level;
  kind: 'leader' | 'unit' | 'hotline';
  name: string;
  title: string;
  /** Links the contact to the org unit of this kind in the same area. */
  unitKind?: 'center' | 'police_station';
  phone: string;
  duty?: string;
}

const DEMO_CONTACTS: DemoContact[] = [
  { level: 'community', kind: 'leader', name: '韩玉兰', title: '社区党委书记、居委会主任', phone: '13904735186', duty: '全面工作，包联第1、2网格' },
  { level: 'community', kind: 'leader', name: '白志强', title: '社区居委会副主任', phone: '15247318826', duty: '分管综治维稳、矛盾纠纷调解' },
  { level: 'community', kind: 'leader', name: '刘建军', title: '网格长', phone: '13847301275', duty: '新桥社区各网格' },
  { level: 'community', kind: 'unit', name: '新桥社区党群服务中心', title: '值班电话', phone: '0473-3912608' },
  { level: 'street', kind: 'leader', name: '乔卫东', title: '街道党工委书记', phone: '13704739021', duty: '全面工作' },
  { level: 'street', kind: 'leader', name: '苏海英', title: '街道办事处主任', phone: '13947362157', duty: '政府全面工作，包联新桥社区' },
  { level: 'street', kind: 'unit', name: '拉僧仲街道综治中心', title: '综治中心值班电话', unitKind: 'center', phone: '0473-3925110' },
  { level: 'street', kind: 'unit', name: '拉僧仲派出所', title: '报警与户籍咨询', unitKind: 'police_station', phone: '0473-3926110' },
  { level: 'district', kind: 'leader', name: '武振国', title: '区委政法委书记', phone: '13804732968', duty: '分管政法、综治和信访工作' },
  { level: 'district', kind: 'unit', name: '海南区综治中心', title: '综治中心值班电话', unitKind: 'center', phone: '0473-3950123' },
  { level: 'city', kind: 'unit', name: '乌海市综治中心', title: '综治中心值班电话', unitKind: 'center', phone: '0473-2018110' },
  { level: 'city', kind: 'hotline', name: '12345政务服务便民热线', title: '7×24小时', phone: '12345' },
  { level: 'city', kind: 'hotline', name: '公共法律服务热线', title: '法律咨询', phone: '12348' },
];

export async function seedDemoContacts(trx: Transaction<DB>): Promise<number> {
  const city = await trx.selectFrom('areas').select(['code', 'path']).where('level', '=', 'city').where('name', '=', '乌海市').executeTakeFirst();
  if (!city) return 0;
  const under = (parentCode: string, name: string) =>
    trx.selectFrom('areas').select('code').where('parent_code', '=', parentCode).where('name', '=', name).executeTakeFirst();
  const district = await under(city.code, '海南区');
  const street = district && (await under(district.code, '拉僧仲街道'));
  const community = street && (await under(street.code, '新桥社区'));
  if (!district || !street || !community) return 0;
  const codes: Record<Level, string> = { city: city.code, district: district.code, street: street.code, community: community.code };
  const units = await trx.selectFrom('org_units').select(['id', 'kind', 'area_code']).where('area_code', 'in', Object.values(codes)).execute();
  const unitOf = (c: DemoContact) => (c.unitKind ? (units.find((u) => u.kind === c.unitKind && u.area_code === codes[c.level])?.id ?? null) : null);
  await trx
    .insertInto('contacts')
    .values(
      DEMO_CONTACTS.map((c, i) => ({
        area_code: codes[c.level],
        kind: c.kind,
        name: c.name,
        title: c.title,
        unit_id: unitOf(c),
        phone: c.phone,
        duty: c.duty ?? null,
        sort: i,
      })),
    )
    .execute();
  return DEMO_CONTACTS.length;
}
