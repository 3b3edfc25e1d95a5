import { z } from 'zod';
import { MatterDetail, MatterModeration } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { moderateMatter } from './moderation.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const tags = ['matters 事项'];

export const moderationRoutes: ApiModule = (app, deps) => {
  app.post('/api/matters/:id/moderation', {
    config: { policy: 'matter.moderate' },
    schema: {
      tags,
      summary: 'Moderate a public post: hide, unhide, redact its public text, mark it abusive or hide a photo (audited with the reason)',
      params: IdParams,
      body: MatterModeration,
      response: { 200: MatterDetail },
    },
    handler: (req) => moderateMatter(ctxOf(req, deps), req.params.id, req.body),
  });
};
