import { z } from 'zod';
import {
  SupervisionActionBody,
  SupervisionCreate,
  SupervisionCreated,
  SupervisionListQuery,
  SupervisionMineQuery,
  SupervisionPage,
  SupervisionReport,
} from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import * as supervision from './service.js';

const tags = ['supervision 监督举报'];
const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });

export const supervisionRoutes: ApiModule = (app, deps) => {
  app.post('/api/supervision', {
    config: { policy: 'supervision.create' },
    schema: { tags, summary: 'File a 监督举报: slow or improper handling, or misconduct, optionally about a matter', body: SupervisionCreate, response: { 201: SupervisionCreated } },
    handler: async (req, reply) => reply.status(201).send(await supervision.createReport(ctxOf(req, deps), req.body)),
  });
  app.get('/api/supervision/mine', {
    config: { policy: 'supervision.create' },
    schema: { tags, summary: 'The caller’s own reports, newest first, with their conclusions', querystring: SupervisionMineQuery, response: { 200: SupervisionPage } },
    handler: (req) => supervision.listMine(ctxOf(req, deps), req.query),
  });
  app.get('/api/supervision', {
    config: { policy: 'supervision.read' },
    schema: { tags, summary: '指挥中心 queue: reports in the operator’s scope, never those about their own unit', querystring: SupervisionListQuery, response: { 200: SupervisionPage } },
    handler: (req) => supervision.listQueue(ctxOf(req, deps), req.query),
  });
  app.get('/api/supervision/:id', {
    // Anyone logged in may ask: the reporter reads their own, the 指挥中心 in scope any, and everyone else, the unit the report may be about included, gets a 404.
    config: { policy: 'supervision.create' },
    schema: { tags, summary: 'One report: the reporter’s own, or any in the 指挥中心 operator’s scope', params: IdParams, response: { 200: SupervisionReport } },
    handler: (req) => supervision.getReport(ctxOf(req, deps), req.params.id),
  });
  app.post('/api/supervision/:id/actions', {
    config: { policy: 'supervision.handle' },
    schema: { tags, summary: 'Accept (受理) or close (办结) a report, with a note (audited)', params: IdParams, body: SupervisionActionBody, response: { 200: SupervisionReport } },
    handler: (req) => supervision.actOnReport(ctxOf(req, deps), req.params.id, req.body),
  });
};
