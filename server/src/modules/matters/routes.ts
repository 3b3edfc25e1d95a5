import { z } from 'zod';
import { MatterActionBody, MatterDetail, MatterIntake, MatterListQuery, MatterPage, ReporterContact, TriageQuery, TriageSuggestion } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { typedJsonSerializer } from '../../platform/http/typed-json.js';
import { actOnMatter } from './actions.js';
import { exportMatters } from './export.js';
import { reportMatter } from './intake.js';
import { detailFor } from './view.js';
import { listMatters } from './list.js';
import { revealReporterContact } from './reporter-contact.js';
import { suggestTriage } from './triage.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const IntakeHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Idempotency-Key: 8-100 letters, digits, _ . : -')
    .optional()
    .describe('Retrying with the same key returns the matter the first attempt created'),
});
const tags = ['matters 事项'];

export const matterRoutes: ApiModule = (app, deps) => {
  app.post('/api/matters', {
    config: { policy: 'matter.create' },
    schema: { tags, summary: '受理: report a matter from any channel', headers: IntakeHeaders, body: MatterIntake, response: { 200: MatterDetail, 201: MatterDetail } },
    serializerCompiler: typedJsonSerializer,
    handler: async (req, reply) => {
      const { matter, replayed } = await reportMatter(ctxOf(req, deps), req.body, req.headers['idempotency-key'] ?? null);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(matter);
    },
  });

  app.get('/api/matters', {
    config: { policy: 'matter.read' },
    schema: { tags, summary: 'Matters the caller may see, by work queue and filters', querystring: MatterListQuery, response: { 200: MatterPage } },
    serializerCompiler: typedJsonSerializer,
    handler: (req) => listMatters(ctxOf(req, deps), req.query),
  });

  app.get('/api/matters/export', {
    config: { policy: 'matter.read' },
    schema: { tags, summary: 'The filtered list as an Excel workbook (.xlsx)', querystring: MatterListQuery.omit({ page: true, pageSize: true }) },
    handler: async (req, reply) => {
      const file = await exportMatters(ctxOf(req, deps), req.query);
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="matters-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`事项清单-${stamp}.xlsx`)}`)
        .send(file);
    },
  });

  app.get('/api/matters/:id', {
    config: { policy: 'matter.read' },
    schema: { tags, summary: 'One matter with its timeline and the actions the caller may take now', params: IdParams, response: { 200: MatterDetail } },
    serializerCompiler: typedJsonSerializer,
    handler: (req) => detailFor(ctxOf(req, deps), req.params.id),
  });

  app.post('/api/matters/:id/actions', {
    config: { policy: 'matter.act' },
    schema: { tags, summary: 'Take a lifecycle action (派遣, 签收, 退单, 反馈, 核查, 评价 …)', params: IdParams, body: MatterActionBody, response: { 200: MatterDetail } },
    handler: (req) => actOnMatter(ctxOf(req, deps), req.params.id, req.body),
  });

  app.get('/api/matters/:id/reporter-contact', {
    config: { policy: 'matter.read' },
    schema: { tags, summary: 'The reporter’s full phone number (audited read)', params: IdParams, response: { 200: ReporterContact } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return revealReporterContact(ctxOf(req, deps), req.params.id);
    },
  });

  app.get('/api/matters/:id/triage', {
    config: { policy: 'matter.act' },
    schema: { tags, summary: '三定 suggestions: unit by routing rule, deadlines, likely duplicates', params: IdParams, querystring: TriageQuery, response: { 200: TriageSuggestion } },
    handler: (req) => suggestTriage(ctxOf(req, deps), req.params.id, req.query),
  });
};
