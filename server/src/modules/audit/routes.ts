import { z } from 'zod';
import { AuditEntry, PageQuery, pageOf, text } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { listAuditEntries } from './service.js';

const AuditQuery = PageQuery.extend({
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  entityId: text(80).optional(),
  actorId: z.string().uuid().optional(),
});

export const auditRoutes: ApiModule = (app, deps) => {
  app.get('/api/audit', {
    config: { policy: 'audit.read' },
    schema: { tags: ['audit 审计'], summary: 'The append-only audit trail, newest first', querystring: AuditQuery, response: { 200: pageOf(AuditEntry) } },
    handler: (req) => listAuditEntries(ctxOf(req, deps), req.query),
  });
};
