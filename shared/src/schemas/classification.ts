import { z } from 'zod';

// The category classifier in the platform (admin page 智能分类模型): the model in use, how it was
// trained and how well it did on held-out matters, the training running now, the last failure,
// and the import of a city's labelled history from an earlier system.

export const CLASSIFIER_TRIGGERS = ['manual', 'schedule'] as const;

export const CategoryModelLabel = z.object({
  code: z.string().describe('Catalogue code the model predicts (second level when it had enough examples, else the first level)'),
  name: z.string().describe('劳动和社会保障/拖欠工资'),
  count: z.number().int().describe('Training rows with this label'),
  f1: z.number().nullable().describe('F1 on the held-out rows (null: none held out)'),
});
export type CategoryModelLabel = z.infer<typeof CategoryModelLabel>;

export const CategoryModelMetrics = z.object({
  holdoutRows: z.number().int().describe('Rows held out (one in five of each label) and predicted by a model trained on the rest'),
  macroF1: z.number(),
  accuracy: z.number(),
  lowConfidenceShare: z.number().describe('Share of held-out rows the model flagged as low confidence'),
  confidentAccuracy: z.number().nullable().describe('Accuracy on the held-out rows it was confident about'),
});
export type CategoryModelMetrics = z.infer<typeof CategoryModelMetrics>;

export const CategoryModelSummary = z.object({
  id: z.string(),
  trainedAt: z.string(),
  trainedBy: z.object({ id: z.string(), name: z.string() }).nullable().describe('null: the schedule trained it'),
  trigger: z.enum(CLASSIFIER_TRIGGERS),
  rows: z.object({ matters: z.number().int(), imported: z.number().int() }),
  labels: z.array(CategoryModelLabel),
  metrics: CategoryModelMetrics.nullable().describe('null: too few rows of any label to hold some out'),
  trainMs: z.number().int().describe('Wall-clock time of the training (held-out evaluation included)'),
  modelBytes: z.number().int(),
});
export type CategoryModelSummary = z.infer<typeof CategoryModelSummary>;

export const ClassifierStatus = z.object({
  model: CategoryModelSummary.nullable(),
  training: z
    .object({ startedAt: z.string(), trigger: z.enum(CLASSIFIER_TRIGGERS), by: z.string().nullable() })
    .nullable()
    .describe('A training in progress (in any server process)'),
  lastError: z.object({ at: z.string(), code: z.string(), message: z.string() }).nullable(),
  data: z.object({
    closedMatters: z.number().int().describe('Closed or rated matters with a category: the training data from the platform'),
    imported: z.number().int().describe('Labelled rows imported from an earlier system'),
    newSinceModel: z.boolean().describe('The data changed since the model was trained'),
  }),
  settings: z.object({ retrainHours: z.number().int().describe('0: no scheduled retraining'), minExamples: z.number().int() }),
});
export type ClassifierStatus = z.infer<typeof ClassifierStatus>;

export const ClassifierImportResult = z.object({
  imported: z.number().int(),
  encoding: z.enum(['utf-8', 'gb18030']),
  labels: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  skipped: z
    .array(z.object({ reason: z.enum(['unknown_label', 'empty_label', 'empty_text']), label: z.string(), count: z.number().int(), rows: z.array(z.number().int()).describe('File line numbers (header = 1), at most 20') }))
    .describe('Rows not imported, grouped by reason and label'),
});
export type ClassifierImportResult = z.infer<typeof ClassifierImportResult>;
