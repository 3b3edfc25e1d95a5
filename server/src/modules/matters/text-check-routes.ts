import { z } from 'zod';
import { DuplicateCheckRequest, DuplicateCheckResult, ReplyCheckRequest, ReplyCheckResult } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { checkDuplicates } from './duplicate-candidates.js';
import { checkMatterReply } from './reply-check.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const tags = ['matters 事项'];

export const textCheckRoutes: ApiModule = (app, deps) => {
  app.post('/api/matters/duplicate-check', {
    config: { policy: 'matter.create' },
    schema: {
      tags,
      summary: '可能重复: open matters the caller can see that look like the report being written (text, place, time, category), scored 0..1 with reasons',
      body: DuplicateCheckRequest,
      response: { 200: DuplicateCheckResult },
    },
    handler: (req) => checkDuplicates(ctxOf(req, deps), req.body),
  });

  app.post('/api/matters/:id/reply-check', {
    config: { policy: 'matter.act' },
    schema: {
      tags,
      summary: '答复检查: flags a draft 反馈 that misses the question, gives no concrete answer or basis, or is formula; hints, never a block',
      params: IdParams,
      body: ReplyCheckRequest,
      response: { 200: ReplyCheckResult },
    },
    handler: (req) => checkMatterReply(ctxOf(req, deps), req.params.id, req.body.text),
  });
};
