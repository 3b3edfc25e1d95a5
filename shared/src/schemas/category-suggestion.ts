import { z } from 'zod';
import { text } from './common.js';

// 智能分类: the categories a citizen's text most likely belongs to, for the report form and the
// dispatcher's triage form (which names the matter instead of sending its text).

export const CategorySuggestRequest = z
  .strictObject({
    text: text(4000).optional().describe('What the person wrote (title and description)'),
    matterId: z
      .string()
      .uuid()
      .optional()
      .describe("Triage (instead of text): classify this matter's own title and description, and name the unit the routing rules give each suggestion in its area"),
  })
  .refine((b) => (b.text === undefined) !== (b.matterId === undefined), { message: 'send either text or matterId', path: ['text'] });
export type CategorySuggestRequest = z.infer<typeof CategorySuggestRequest>;

export const CategorySuggestions = z.object({
  suggestions: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().describe('The category with its parent: 劳动和社会保障/拖欠工资'),
        confidence: z.number().min(0).max(1),
        unit: z
          .object({ id: z.string(), name: z.string() })
          .nullable()
          .optional()
          .describe('With matterId: the unit the routing rules choose for this category in the matter\'s area (null: none matches)'),
      }),
    )
    .describe('At most 3, best first'),
  lowConfidence: z.boolean().describe('No suggestion is strong: let the person choose'),
  source: z
    .enum(['model', 'keywords'])
    .optional()
    .describe("model: the classifier trained on the city's closed matters; keywords: the word lists (no model yet, or nothing in the text it knows)"),
});
export type CategorySuggestions = z.infer<typeof CategorySuggestions>;
