import { describe, expect, it } from 'vitest';
import { creditCodeProblem, maskIdNumber, residentIdProblem } from './id-numbers.js';
import { DisputePartyInput } from './schemas.js';

describe('居民身份证号码 (GB 11643)', () => {
  it('accepts numbers whose check digit matches, X included', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('150302198503121233')).toBeNull();
  });
  it('says what is wrong', () => {
    expect(residentIdProblem('150302198503121234')).toContain('check digit should be 3');
    expect(residentIdProblem('15030219850312123')).toContain('18 characters');
    expect(residentIdProblem('150302198502301233')).toContain('not a date of birth');
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts a valid code', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91150302MA0N12340J')).toBeNull();
  });
  it('says what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toContain('check character should be 3');
    expect(creditCodeProblem('91350100M000100YI3')).toContain('“I” is not allowed');
    expect(creditCodeProblem('9135')).toContain('18 characters');
  });
});

describe('a party as typed', () => {
  it('checks the number by the kind of party and upper-cases it', () => {
    const person = DisputePartyInput.safeParse({ role: 'applicant', kind: 'person', name: '王五', idNumber: '11010519491231002x' });
    expect(person.success && person.data.idNumber).toBe('11010519491231002X');
    const org = DisputePartyInput.safeParse({ role: 'respondent', kind: 'organisation', name: '某公司', idNumber: '11010519491231002X' });
    expect(org.success).toBe(false);
    expect(org.error?.issues[0]).toMatchObject({ path: ['idNumber'], message: expect.stringContaining('统一社会信用代码') });
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('150302198503121233')).toBe('1503**********1233');
  });
});
