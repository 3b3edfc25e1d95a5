import type { CategorySuggestions } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { canSeeMatter, matterRelations } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { modelSuggestions } from '../classification/model-suggestions.js';
import { referenceDataFor } from './reference-data.js';
import { factsOf, loadMatter } from './repository.js';
import { matchRoutingRule } from './routing.js';
import { CITIZEN_WORDS } from './suggest-words.js';

/**
 * 智能分类 for the report form: the catalogue categories a text most likely belongs to. The
 * keyword suggester below answers until the city has a trained model, and whenever the model has
 * nothing to go on (suggestCategory).
 */
export interface CategorySuggester {
  /** At most `limit` suggestions, best first, confidence 0..1; lowConfidence when none is strong. */
  suggest(text: string, limit?: number): CategorySuggestions;
}

export interface CatalogueEntry {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

/** Below this the best suggestion is a guess: the form should not preselect it. */
export const LOW_CONFIDENCE = 0.45;
/** Evidence for "none of these": one two-character word alone gives 1 / (1 + PRIOR) = 0.5. */
const PRIOR = 1;
const MAX_TEXT = 4000;

/** A longer word is stronger evidence: 1 character 0.5, 2 → 1, 3 → 1.5, 4 or more → 2. */
const weightOf = (word: string) => Math.min(word.length, 4) / 2;

/** One form for what people type in many: full-width letters and digits, upper case. */
const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

interface Keyword {
  word: string;
  code: string;
  weight: number;
}

export class KeywordSuggester implements CategorySuggester {
  private readonly keywords: Keyword[] = [];
  private readonly entries = new Map<string, CatalogueEntry & { order: number }>();

  /** `catalogue`: the categories in their display order; inactive ones are never suggested. */
  constructor(catalogue: Iterable<CatalogueEntry>, words: Readonly<Record<string, readonly string[]>> = CITIZEN_WORDS) {
    let order = 0;
    for (const c of catalogue) if (c.active) this.entries.set(c.code, { ...c, order: order++ });
    const add = (word: string, code: string) => {
      const w = normalise(word.trim());
      if (w && !this.keywords.some((k) => k.word === w && k.code === code)) this.keywords.push({ word: w, code, weight: weightOf(w) });
    };
    for (const c of this.entries.values()) add(c.name, c.code);
    for (const [code, list] of Object.entries(words)) {
      // A word for a category an admin removed counts for its first-level category, if that is still there.
      const target = this.entries.has(code) ? code : code.split('.')[0]!;
      if (this.entries.has(target)) for (const word of list) add(word, target);
    }
  }

  suggest(text: string, limit = 3): CategorySuggestions {
    const input = normalise(text.slice(0, MAX_TEXT));
    const own = new Map<string, number>();
    for (const k of this.keywords) if (input.includes(k.word)) own.set(k.code, (own.get(k.code) ?? 0) + k.weight);

    // A second-level category also gets its parent's evidence; a parent stands alone only when none of its children scored.
    const scores = new Map<string, number>();
    const scoredParents = new Set<string>();
    for (const [code, score] of own) {
      const parent = this.entries.get(code)!.parentCode;
      if (parent === null) continue;
      scores.set(code, score + (own.get(parent) ?? 0));
      scoredParents.add(parent);
    }
    for (const [code, score] of own) if (this.entries.get(code)!.parentCode === null && !scoredParents.has(code)) scores.set(code, score);

    const total = [...scores.values()].reduce((a, b) => a + b, 0) + PRIOR;
    const ranked = [...scores]
      .sort(([a, x], [b, y]) => y - x || this.entries.get(a)!.order - this.entries.get(b)!.order)
      .slice(0, limit)
      .map(([code, score]) => ({ code, name: this.label(code), confidence: Math.round((score / total) * 100) / 100 }));
    return { suggestions: ranked, lowConfidence: (ranked[0]?.confidence ?? 0) < LOW_CONFIDENCE };
  }

  /** 劳动和社会保障/拖欠工资 */
  private label(code: string): string {
    const entry = this.entries.get(code)!;
    const parent = entry.parentCode ? this.entries.get(entry.parentCode) : undefined;
    return parent ? `${parent.name}/${entry.name}` : entry.name;
  }
}

// Built once per catalogue version (the reference data hands out a new map when the catalogue changes).
const built = new WeakMap<object, CategorySuggester>();

/**
 * The trained classifier (modules/classification) when the city has one and the text holds words
 * it knows; the keyword lists otherwise. The answer names which one spoke.
 */
export async function suggestCategory(ctx: Pick<Ctx, 'db'>, text: string): Promise<CategorySuggestions> {
  const fromModel = await modelSuggestions(ctx.db, text);
  if (fromModel) return fromModel;
  const categories = await referenceDataFor(ctx.db).categories();
  let suggester = built.get(categories);
  if (!suggester) {
    suggester = new KeywordSuggester(categories.values());
    built.set(categories, suggester);
  }
  return { ...suggester.suggest(text), source: 'keywords' };
}

/**
 * 定类别 help on the triage form: suggestions for the matter's own title and description, each
 * with the unit the routing rules choose for that category in the matter's area. For whoever may
 * triage the matter (the owning centre's dispatchers), as GET …/triage.
 */
export async function suggestCategoryForMatter(ctx: Ctx, matterId: string): Promise<CategorySuggestions> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, matterId);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  if (!matterRelations(actor, facts).has('owner_dispatcher')) throw new AppError('FORBIDDEN', 'Only the dispatchers of the owning centre triage a matter');
  const m = loaded.matter;
  const answer = await suggestCategory(ctx, `${m.title}\n${m.description}`);
  const ref = referenceDataFor(ctx.db);
  const [rules, categories] = await Promise.all([ref.routingRules(), ref.categories()]);
  const names = new Map([...categories.values()].map((c) => [c.code, c.name]));
  return {
    ...answer,
    suggestions: answer.suggestions.map((s) => {
      const match = matchRoutingRule(rules, s.code, m.area_path, names);
      return { ...s, unit: match ? { id: match.rule.unitId, name: match.rule.unitName } : null };
    }),
  };
}
