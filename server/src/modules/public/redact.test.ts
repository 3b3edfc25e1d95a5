import { describe, expect, it } from 'vitest';
import { maskName, redactText } from './redact.js';

describe('redactText', () => {
  it('masks names the caller knows wherever they stand', () => {
    expect(redactText('孙丽华反映：楼上漏水，孙丽华已多次协商', ['孙丽华'])).toBe('孙**反映：楼上漏水，孙**已多次协商');
    expect(redactText('无名', ['王'])).toBe('无名');
  });

  it.each([
    ['电话13812341234找我', '电话138****1234找我'],
    ['+86 138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    // An ID number shows its shape only: region, birth date and last digits identify (the old 110***********1234 leaked two).
    ['身份证110101199003071234号', '身份证1****************4号'],
    ['11010119900307123X', '1****************X'],
    ['座机0473-1234567', '座机0473-*****67'],
    ['(010)12345678', '010-******78'],
    ['邮箱zhang.san@qq.com', '邮箱z***@qq.com'],
    ['3号楼2单元501', '3号楼**'],
    ['物业王建国电话13812345678', '物业王**电话138****5678'],
    ['找李明的手机', '找李*的手机'],
    ['我叫赵小红，住在新桥社区', '我叫赵**，住在新桥社区'],
    ['联系人：欧阳明', '联系人：欧**'],
    ['物业管理处电话打不通', '物业管理处电话打不通'],
    ['公司的电话没人接', '公司的电话没人接'],
    ['张先生反映', '张先生反映'],
    ['新桥社区3号楼2单元501室漏水', '新桥社区3号楼**漏水'],
    ['3栋501室', '3栋**'],
    ['12号楼3单元', '12号楼**'],
    ['2单元501室', '**'],
    ['1203户', '**'],
    ['3-2-501', '**'],
    ['110101900307123', '1*************3'],
    // The words after a number stay its own: 一直 and 三天 are no digits of the phone (the e2e found 13********81直).
    ['电话13812345678，一直没人修', '电话138****5678，一直没人修'],
    ['13812345678一直打不通', '138****5678一直打不通'],
    ['电话138 1234 5678，三天了', '电话138****5678，三天了'],
    ['电话138 1234 5678 3天了', '电话138****5678 3天了'],
    ['电话一三八一二三四五六七八，一直没人管', '电话138****5678，一直没人管'],
  ])('%s → %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['3号楼东侧燃气管道锈蚀', '楼下5号楼门口', '住在7楼', '2026年11月30日', '共3处, 约20米']) expect(redactText(s)).toBe(s);
  });

  it('masks every occurrence', () => {
    expect(redactText('13812341234 或 13987654321')).toBe('138****1234 或 139****4321');
  });
});

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张伟明')).toBe('张**');
    expect(maskName('欧阳明月天')).toBe('欧***');
    expect(maskName('张')).toBe('*');
  });
});
