import { z } from 'zod';
import { HotIssueDetail, HotIssueList, HotIssueOneQuery, HotIssueQuery } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { findHotIssues, getHotIssue } from './service.js';

const tags = ['hot issues 热点'];

export const hotIssueRoutes: ApiModule = (app, deps) => {
  app.get('/api/hot-issues', {
    config: { policy: 'hot_issue.read' },
    schema: {
      tags,
      summary: 'Hot issues: matters about one problem at one place in the last 7/30/90 days, in the caller’s scope, hottest first',
      querystring: HotIssueQuery,
      response: { 200: HotIssueList },
    },
    handler: (req) => findHotIssues(ctxOf(req, deps), req.query),
  });
  app.get('/api/hot-issues/:id', {
    config: { policy: 'hot_issue.read' },
    schema: {
      tags,
      summary: 'The hot issue holding this matter (a group is named by its earliest matter), with its matters',
      params: z.strictObject({ id: z.string().uuid('id must be a UUID') }),
      querystring: HotIssueOneQuery,
      response: { 200: HotIssueDetail },
    },
    handler: (req) => getHotIssue(ctxOf(req, deps), req.params.id, req.query),
  });
};
