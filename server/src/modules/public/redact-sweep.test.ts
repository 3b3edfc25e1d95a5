import { describe, expect, it } from 'vitest';
import { CASE_CLASSES, generateCases, leakedSecrets, MUST_STAY, type CaseClass } from '../../../test/fixtures/redaction-cases.js';
import { redactText } from './redact.js';

// The sweep: every class × many random variants (test/fixtures/redaction-cases.ts). Nothing of a
// phone, ID or other number, e-mail, WeChat, QQ, plate, room, cued or known name survives, and
// the text around it stays as written. Names with no cue (or only a title after them) are found
// by segmentation and given-name characters, not by a list of every name: for them the sweep
// holds a measured floor (docs/text/redaction.md).

const PER_CLASS = 300;
/**
 * Share masked where a name has no cue or a weak one, measured on 1,000 each of four seeds
 * (bench/redaction.ts, docs/text/redaction.md): bare names 99.8-100 % (commonest given names),
 * 98.6-99.1 % (any characters: 陆军, 武义, 周萍苑， stay), two names joined 99.9-100 %; before
 * 主任, 局长 … 99.2-99.7 % (曾盛主任 stays: 曾 reads as "once", as in 曾任主任).
 */
const FLOOR: Partial<Record<CaseClass, number>> = { bare_name: 0.995, bare_name_any: 0.98, bare_name_pair: 0.995, cue_name: 0.98 };

describe('redaction sweep over generated texts', () => {
  const cases = generateCases(20261201, PER_CLASS);

  it.each(CASE_CLASSES)('%s: nothing left, the text around it kept', (cls) => {
    const mine = cases.filter((c) => c.cls === cls);
    expect(mine).toHaveLength(PER_CLASS);
    const leaks: string[] = [];
    for (const c of mine) {
      const out = redactText(c.text, c.known);
      if (leakedSecrets(c, out).length) leaks.push(`${c.text} → ${out}`);
      for (const part of c.context) expect(out, c.text).toContain(part);
    }
    const floor = FLOOR[cls];
    if (floor === undefined) expect(leaks).toEqual([]);
    else expect(1 - leaks.length / PER_CLASS, leaks.slice(0, 5).join('\n')).toBeGreaterThanOrEqual(floor);
  });

  it('changes nothing in ordinary text', () => {
    expect(MUST_STAY.filter((s) => redactText(s) !== s)).toEqual([]);
  });
});
