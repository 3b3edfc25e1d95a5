import { describe, expect, it } from 'vitest';
import { maskName, redactText } from './redact.js';

describe('redactText', () => {
  it.each([
    ['电话13812341234找我', '电话138****1234找我'],
    ['+86 138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['身份证110101199003071234号', '身份证110***********1234号'],
    ['11010119900307123X', '110***********123X'],
    ['座机0473-1234567', '座机0473-*****67'],
    ['(010)12345678', '010-******78'],
    ['邮箱zhang.san@qq.com', '邮箱z***@qq.com'],
    ['3号楼2单元501', '3号楼**'],
    ['新桥社区3号楼2单元501室漏水', '新桥社区3号楼**漏水'],
    ['3栋501室', '3栋**'],
    ['12号楼3单元', '12号楼**'],
    ['2单元501室', '**'],
    ['1203户', '**'],
    ['3-2-501', '**'],
    ['110101900307123', '11***********23'],
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
