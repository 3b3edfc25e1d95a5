import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/normalize.js';
import { placeMentions } from './place.js';

const mentions = (text: string) => placeMentions(normalizeText(text)).map((m) => `${m.kind}:${m.name}`);
const keys = (text: string) => placeMentions(normalizeText(text)).map((m) => m.key);

describe('place mentions', () => {
  it('reads anonymised administrative codes, roads and named estates', () => {
    expect(mentions('A市A5区劳动东路魅力之城小区临街门面油烟扰民')).toEqual(['city:A市', 'district:A5区', 'road:劳动东路', 'estate:魅力之城小区']);
    expect(mentions('A7县泉塘街道东方红社区青青家园小区')).toEqual(['district:A7县', 'street:泉塘街道', 'village:东方红社区', 'estate:青青家园小区']);
    expect(mentions('本人系春华镇金鼎村七里组村民')).toEqual(['street:春华镇', 'village:金鼎村']);
  });

  it('cuts a name at the words that cannot be inside one', () => {
    expect(mentions('投诉A市温斯顿英语培训学校拖延退费')).toContain('school:温斯顿英语培训学校');
    expect(mentions('A市万家丽南路丽发新城居民区附近搅拌站扰民')).toEqual(['city:A市', 'road:万家丽南路', 'estate:丽发新城']);
    // 县长 is a county head: the code and its level are read apart first.
    expect(mentions('A7县长丰星城小区')).toEqual(['district:A7县', 'estate:长丰星城小区']);
  });

  it('names employers', () => {
    expect(mentions('A市德鸿餐饮店拖欠工资，员工维权难')).toContain('org:德鸿餐饮店');
    expect(keys('宏达建筑劳务有限公司拖欠农民工工资')).toContain('宏达建筑劳务');
  });

  it('gives one key to the ways one estate is written', () => {
    expect(keys('绿地海外滩二期小区')).toEqual(keys('绿地海外滩小区'));
    expect(keys('魅力之城小区')).toEqual(['魅力之城']);
  });

  it('skips words that name no particular place', () => {
    expect(mentions('我们小区物业公司不作为')).toEqual([]);
    expect(mentions('希望市政府尽快解决, 道路和路灯都坏了, 进城不便')).toEqual([]);
    expect(mentions('A市18班幼儿园')).toEqual(['city:A市']);
  });

  it('knows the city’s own area names from the user dictionary', () => {
    expect(mentions('乌海市海南区拉僧仲街道新桥社区12号楼')).toEqual(['city:乌海市', 'district:海南区', 'street:拉僧仲街道', 'village:新桥社区']);
  });

  it('answers empty text, emoji, mixed scripts and 10,000 characters', () => {
    expect(placeMentions('')).toEqual([]);
    expect(mentions('😀🚧🔥')).toEqual([]);
    expect(mentions('WiFi在陽光Sunshine花園🏠信號很差')).toEqual(['estate:阳光sunshine花园']);
    expect(mentions('Sunshine Garden 花园')).toEqual([]);
    expect(mentions(`A市A5区魅力之城小区${'噪音扰民'.repeat(2_500)}`)).toContain('estate:魅力之城小区');
  });
});
