import type { Kysely } from 'kysely';
import type { CategorySuggestions } from '@fengqiao/shared';
import type { DB } from '../../platform/db/schema.js';
import { suggest, type ClassifierModel, type Suggestion } from '../text/classifier/classifier.js';
import { categoryLabel } from '../matters/catalogue.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { modelCacheFor } from './model-cache.js';

// 智能分类 from the trained model: its labels are catalogue codes; they are shown with their names
// (劳动和社会保障/拖欠工资), categories an admin has since switched off are left out, and so are
// far-fetched ones, so the form shows the few that matter.

/** Below this a label is not worth a chip, unless it is the best the model has. */
const SHOWN_FROM = 0.05;

/**
 * The classifier answers a text with no term it knows (empty, emoji only, only unseen words) with
 * its training prior, flagged low-confidence; that says nothing about the text, so the keyword
 * lists get their turn. A softmax over real margins never lands exactly on the prior.
 */
function isPrior(model: ClassifierModel, answer: Suggestion): boolean {
  const total = model.labelCounts.reduce((a, b) => a + b, 0);
  const prior = new Map(model.labels.map((label, k) => [label, model.labelCounts[k]! / total]));
  return answer.predictions.every((p) => Math.abs(p.confidence - prior.get(p.label)!) < 1e-9);
}

/** The model's suggestions, or null when there is no (readable) model or the text gave it nothing to go on. */
export async function modelSuggestions(db: Kysely<DB>, text: string, limit = 3): Promise<CategorySuggestions | null> {
  const loaded = await modelCacheFor(db).get();
  if (!loaded) return null;
  const answer = suggest(loaded.model, text);
  if (isPrior(loaded.model, answer)) return null;
  const categories = await referenceDataFor(db).categories();
  const names = new Map([...categories.values()].map((c) => [c.code, c.name]));
  const usable = answer.predictions.filter((p) => categories.get(p.label)?.active);
  const shown = usable.filter((p, i) => i === 0 || p.confidence >= SHOWN_FROM).slice(0, limit);
  return {
    suggestions: shown.map((p) => ({ code: p.label, name: categoryLabel(p.label, names), confidence: Math.round(p.confidence * 100) / 100 })),
    // The model's best answer being a category no longer in use leaves only weaker ones.
    lowConfidence: answer.lowConfidence || shown[0]?.label !== answer.predictions[0]!.label,
    source: 'model',
  };
}
