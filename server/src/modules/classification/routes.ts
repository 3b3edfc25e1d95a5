import { ClassifierImportResult, ClassifierStatus } from '@fengqiao/shared';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { ctxOf, type ApiModule, type AppDeps } from '../../platform/http/app.js';
import { importTrainingRows } from './import-rows.js';
import { getClassifierStatus } from './status.js';
import { startCategoryTraining, stopTrainings } from './training.js';

const tags = ['classifier 智能分类模型'];
/** A labelled history of 20,000 messages of ~1 kB each fits with room to spare. */
const MAX_CSV_BYTES = 30 * 1024 * 1024;

const settingsOf = (deps: AppDeps) => ({ retrainHours: deps.config.classifierRetrainHours, minExamples: deps.config.classifierMinExamples });

export const classifierRoutes: ApiModule = (app, deps) => {
  // A training started here runs on after its 202: shutting down stops it and releases its claim (the database closes next).
  app.addHook('onClose', () => stopTrainings(deps.db));

  // One scope: the import takes a raw CSV body, which only this scope parses. (Routes declared in
  // this order: the route × role test imports before it trains.)
  app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post('/api/classifier/training-rows', {
      config: { policy: 'classifier.manage' },
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags,
        summary: "Import the city's labelled history (CSV id,subject,detail,label; UTF-8 or GB18030; Content-Type text/csv); replaces the previous import",
        response: { 200: ClassifierImportResult },
      },
      handler: (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the body with Content-Type text/csv');
        return importTrainingRows(ctxOf(req, deps), req.body);
      },
    });

    api.get('/api/classifier/status', {
      config: { policy: 'classifier.manage' },
      schema: { tags, summary: 'The model in use, its labels and held-out scores, a training in progress, the last failure', response: { 200: ClassifierStatus } },
      handler: (req) => getClassifierStatus(ctxOf(req, deps), settingsOf(deps)),
    });

    api.post('/api/classifier/train', {
      config: { policy: 'classifier.manage' },
      schema: {
        tags,
        summary: 'Train a model now from closed matters and imported rows: 202 once the data is checked; the status shows the model when it is stored',
        response: { 202: ClassifierStatus },
      },
      handler: async (req, reply) => {
        const ctx = ctxOf(req, deps);
        const started = await startCategoryTraining(ctx, { by: 'manual', minExamples: deps.config.classifierMinExamples });
        started!.done.catch((err: unknown) => req.log.error({ err }, 'classifier training failed'));
        return reply.status(202).send(await getClassifierStatus(ctx, settingsOf(deps)));
      },
    });
  });
};
