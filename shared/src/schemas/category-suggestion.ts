import { z } from 'zod';
import { text } from './common.js';

// 智能分类: the categories a citizen's text most likely belongs to, for the report form.

export const CategorySuggestRequest = z.strictObject({ text: text(4000) });
export type CategorySuggestRequest = z.infer<typeof CategorySuggestRequest>;

export const CategorySuggestions = z.object({
  suggestions: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().describe('The category with its parent: 劳动和社会保障/拖欠工资'),
        confidence: z.number().min(0).max(1),
      }),
    )
    .describe('At most 3, best first'),
  lowConfidence: z.boolean().describe('No suggestion is strong: let the person choose'),
});
export type CategorySuggestions = z.infer<typeof CategorySuggestions>;
