import type { ReplyCheckResult, ReplyFlag, ReplyFlagCode } from '@fengqiao/shared';
import { normalizeText } from './normalize.js';
import { contentWords } from './segment.js';
import { cosine, Idf, termVector, textTerms } from './similarity.js';
import {
  ACTION,
  ANSWER,
  ASKS_BASIS,
  BASIS,
  bigramsOf,
  clauseKind,
  clausesOf,
  GENERIC_WORDS,
  meaningfulLength,
  CONSULTATION,
  QUESTION_CUE,
  QUESTION_MARK,
  RHETORICAL,
  sentencesOf,
  SPECIFIC,
  type ClauseKind,
} from './reply-rules.js';

// Reply check (答复质量): before a reply is published, point out replies that do not address
// the question, give no concrete answer or basis, or are letter formula. Rules, not a model, so
// that every flag can say why (its evidence) and a person can overrule it. Flags are hints.

/** Thresholds, each chosen on replies.csv (docs/text/reply-check.md) and kept here in one place. */
export const REPLY_THRESHOLDS = {
  /** Below this many letters/digits/Han characters the reply is too short to answer anything. */
  minChars: 20,
  /** Content left once formula, referral and restatement are taken out, below which it is boilerplate. */
  minContentChars: 25,
  /** Share of formula, referral and restatement at or above which it is boilerplate. */
  maxTemplateShare: 0.75,
  /** Others in the corpus with the same masked text, at or above which it is boilerplate. */
  minCopies: 3,
  /** A clause in at least this many corpus replies (and this share of them) is formula. */
  corpusClauseMin: 5,
  corpusClauseShare: 0.003,
  /** off_topic when less of the weight of the question's key terms than this is in the reply … */
  minCoverage: 0.05,
  /** … and the TF-IDF cosine is below this (the lowest 3-4 % of replies.csv). */
  minRelevance: 0.03,
  /** unanswered_questions: at least 2 questions left aside and no more than this share taken up. */
  maxAddressed: 0.5,
} as const;

/** Texts longer than this are read only up to it (a 10,000-character paste adds nothing). */
const MAX_CHARS = 8_000;
const EXCERPT = 40;
/** The question's weightiest terms, whose weight the reply should share. */
const KEY_TERMS = 20;

export interface ReplyQuestion {
  title: string;
  detail: string;
}
export interface ReplyCheckInput {
  question: ReplyQuestion;
  reply: string;
}
export interface ReplyCheckOptions {
  /** Other replies: IDF for relevance, formula clauses and copies. */
  corpus?: ReplyCorpus;
  /** The reply itself is one of the corpus's (the CLI): do not count it as its own copy. */
  selfInCorpus?: boolean;
}

const excerpt = (s: string) => {
  const chars = [...s.trim()];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT - 1).join('')}…` : chars.join('');
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A clause with what changes from one office's letter to the next masked: numbers, ids, quotes. */
export function clauseSkeleton(clause: string): string {
  return clause.replace(/[“"][^”"]*[”"]/g, '“”').replace(/\d+/g, '0').replace(/\s+/g, '');
}

/**
 * Many replies at once (a unit's recent replies, or a whole CSV): document frequencies for
 * TF-IDF, clauses that recur in many replies (formula the built-in list does not know) and whole
 * replies that are the same letter with other names and dates.
 */
export class ReplyCorpus {
  readonly idf = new Idf();
  private readonly clauseReplies = new Map<string, number>();
  private readonly letters = new Map<string, number>();
  private replies = 0;

  add(question: ReplyQuestion, reply: string): void {
    const q = normalizeText(`${question.title}\n${question.detail}`.slice(0, MAX_CHARS));
    const r = normalizeText(reply.slice(0, MAX_CHARS));
    this.idf.add(textTerms(q));
    this.idf.add(textTerms(r));
    const skeletons = clausesOf(r).map(clauseSkeleton);
    for (const s of new Set(skeletons)) this.clauseReplies.set(s, (this.clauseReplies.get(s) ?? 0) + 1);
    const letter = skeletons.join('|');
    if (letter) this.letters.set(letter, (this.letters.get(letter) ?? 0) + 1);
    this.replies++;
  }

  /** A clause that many replies share, whatever they answer. */
  isFormula(clause: string): boolean {
    const n = this.clauseReplies.get(clauseSkeleton(clause)) ?? 0;
    return n >= Math.max(REPLY_THRESHOLDS.corpusClauseMin, REPLY_THRESHOLDS.corpusClauseShare * this.replies);
  }

  /** Replies of the corpus that are this letter (normalised clauses, masked). */
  copiesOf(normalizedReply: string): number {
    return this.letters.get(clausesOf(normalizedReply).map(clauseSkeleton).join('|')) ?? 0;
  }

  get size(): number {
    return this.replies;
  }
}

interface Clause {
  text: string;
  kind: ClauseKind;
  chars: number;
}

/**
 * How much of what the question is about the reply mentions: the share of the TF-IDF weight of
 * the question's weightiest terms (words and character pairs, so 望岳南路 and 望岳路 still meet)
 * that occur in the reply, and the weightiest words it leaves out (the evidence).
 */
function coverageOf(questionVector: Map<string, number>, replyTerms: ReadonlySet<string>): { coverage: number; missing: string[] } {
  const top = [...questionVector].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, KEY_TERMS);
  let found = 0;
  let all = 0;
  const missing: string[] = [];
  for (const [term, weight] of top) {
    all += weight;
    if (replyTerms.has(term)) found += weight;
    else if (!term.startsWith('~') && [...term].length >= 2 && !GENERIC_WORDS.has(term)) missing.push(term);
  }
  return { coverage: all ? found / all : 1, missing };
}

/** The term is in the text, or (3+ characters) at least half of its character pairs are: 景蓉华苑 ≈ 景蓉花苑. */
function mentions(text: string, term: string): boolean {
  if (text.includes(term)) return true;
  const pairs = [...bigramsOf(term)];
  if (pairs.length < 2) return false;
  return pairs.filter((p) => text.includes(p)).length * 2 >= pairs.length;
}

function flag(code: ReplyFlagCode, evidence: string[], params: Record<string, string | number> = {}): ReplyFlag {
  return { code, messageKey: `replyCheck.${code}`, params, evidence: evidence.map(excerpt) };
}

interface Asked {
  /** The asking clause, with the clause before it when that one alone says too little. */
  text: string;
  /** Words an answer would use. */
  words: string[];
}

/** The clauses of the question that ask for information (at most 8, in order; rhetoric left out). */
function questionsOf(title: string, detail: string): Asked[] {
  const seen = new Set<string>();
  const out: Asked[] = [];
  // In a complaint, a question mark is mostly indignation (这不是坐地起价么?); in a consultation it asks.
  const consultation = CONSULTATION.test(title.trim()) || CONSULTATION.test(sentencesOf(detail)[0] ?? '');
  const wordsOf = (s: string) => [...new Set(contentWords(s))].filter((w) => [...w].length >= 2 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));
  for (const sentence of [...sentencesOf(title), ...sentencesOf(detail)]) {
    // The question mark belongs to the sentence; give it to its last clause.
    const clauses = clausesOf(sentence);
    const mark = /[?？]$/.test(sentence) ? '?' : '';
    clauses.forEach((clause, i) => {
      const withMark = i === clauses.length - 1 ? clause + mark : clause;
      const asks = QUESTION_CUE.test(withMark) || (consultation && QUESTION_MARK.test(withMark));
      if (out.length === 8 || !asks || RHETORICAL.test(withMark) || seen.has(clause)) return;
      seen.add(clause);
      let text = withMark;
      let words = wordsOf(clause);
      if (words.length < 2 && i > 0) {
        text = `${clauses[i - 1]},${withMark}`;
        words = wordsOf(text);
      }
      if (words.length) out.push({ text, words });
    });
  }
  return out;
}

/** Checks one reply against its question. Pure: same input, same flags. */
export function checkReply(input: ReplyCheckInput, options: ReplyCheckOptions = {}): ReplyCheckResult {
  const { corpus } = options;
  const title = normalizeText((input.question.title ?? '').slice(0, MAX_CHARS));
  const detail = normalizeText((input.question.detail ?? '').slice(0, MAX_CHARS));
  const reply = normalizeText((input.reply ?? '').slice(0, MAX_CHARS));
  const question = `${title}\n${detail}`.trim();

  const questionPairs = bigramsOf(question);
  const clauses: Clause[] = clausesOf(reply).map((text) => ({
    text,
    // A clause many replies share is formula, unless it states an action or a basis (经调查, 据了解).
    kind: corpus?.isFormula(text) && !ACTION.test(text) && !BASIS.test(text) ? 'template' : clauseKind(text, questionPairs),
    chars: meaningfulLength(text),
  }));
  const length = clauses.reduce((n, c) => n + c.chars, 0);
  const content = clauses.filter((c) => c.kind === 'content');
  const contentText = content.map((c) => c.text).join(',');
  const contentChars = content.reduce((n, c) => n + c.chars, 0);
  const templateShare = length ? 1 - contentChars / length : 1;
  const copies = corpus ? Math.max(0, corpus.copiesOf(reply) - (options.selfInCorpus ? 1 : 0)) : 0;

  const idf = corpus?.idf ?? pairIdf(question, reply);
  const questionVector = termVector(textTerms(question), idf);
  const replyTerms = textTerms(reply);
  const relevance = cosine(questionVector, termVector(replyTerms, idf));
  const { coverage, missing } = coverageOf(questionVector, new Set(replyTerms));
  const asked = questionsOf(title, detail);
  // A word several questions share (报名 in 哪里报名 and 报名要带什么) cannot tell which of them
  // the reply took up: each question is judged on its own words when it has any.
  const askedIn = new Map<string, number>();
  for (const q of asked) for (const w of q.words) askedIn.set(w, (askedIn.get(w) ?? 0) + 1);
  const unaddressed = asked.filter((q) => {
    const own = q.words.filter((w) => askedIn.get(w) === 1);
    const words = own.length ? own : q.words;
    return words.filter((w) => mentions(reply, w)).length < Math.max(1, Math.ceil(words.length / 3));
  });

  const scores = {
    length,
    contentChars,
    templateShare: round(templateShare),
    relevance: round(relevance, 3),
    keyTermCoverage: round(coverage),
    questionsAsked: asked.length,
    questionsAddressed: asked.length - unaddressed.length,
    copies,
  };
  // Too short to judge anything else: saying more would only repeat "there is nothing here".
  if (length < REPLY_THRESHOLDS.minChars) return { flags: [flag('too_short', reply ? [reply] : [], { chars: length, min: REPLY_THRESHOLDS.minChars })], scores };

  const flags: ReplyFlag[] = [];
  const formula = clauses.filter((c) => c.kind !== 'content').map((c) => c.text);
  if (contentChars < REPLY_THRESHOLDS.minContentChars || templateShare >= REPLY_THRESHOLDS.maxTemplateShare || copies >= REPLY_THRESHOLDS.minCopies) {
    flags.push(flag('boilerplate', formula.slice(0, 3), { share: Math.round(templateShare * 100), copies }));
  }
  // Only a reply with content can be about something else; formula alone is flagged above.
  const boilerplate = flags.length > 0;
  if (!boilerplate && questionVector.size > 0 && coverage < REPLY_THRESHOLDS.minCoverage && relevance < REPLY_THRESHOLDS.minRelevance) {
    flags.push(flag('off_topic', missing.slice(0, 5), { coverage: Math.round(coverage * 100), relevance: round(relevance) }));
  }
  const hasAction = ACTION.test(contentText);
  const hasSpecific = SPECIFIC.test(contentText);
  if (!hasAction && !(hasSpecific && ANSWER.test(contentText))) {
    const referrals = clauses.filter((c) => c.kind === 'referral').map((c) => c.text);
    flags.push(flag('no_concrete_answer', referrals.length ? referrals.slice(0, 2) : content.slice(0, 1).map((c) => c.text), { action: hasAction ? 1 : 0, specific: hasSpecific ? 1 : 0 }));
  }
  const why = asked.find((q) => ASKS_BASIS.test(q.text));
  if (why && !BASIS.test(contentText)) {
    flags.push(flag('no_basis', [why.text], { cue: ASKS_BASIS.exec(why.text)![0] }));
  }
  if (unaddressed.length >= 2 && (asked.length - unaddressed.length) / asked.length <= REPLY_THRESHOLDS.maxAddressed) {
    flags.push(flag('unanswered_questions', unaddressed.slice(0, 3).map((q) => q.text), { asked: asked.length, addressed: asked.length - unaddressed.length }));
  }
  return { flags, scores };
}

/** Without a corpus, IDF over the two texts: shared terms weigh a little less than the rest. */
function pairIdf(question: string, reply: string): Idf {
  const idf = new Idf();
  idf.add(textTerms(question));
  idf.add(textTerms(reply));
  return idf;
}
