import { z } from 'zod';
import { OrgUnit, OrgUnitCreate, OrgUnitListQuery, OrgUnitPage, OrgUnitUpdate } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import * as org from './service.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const tags = ['org 组织机构'];

export const orgRoutes: ApiModule = (app, deps) => {
  app.get('/api/org-units', {
    config: { policy: 'org.read' },
    schema: { tags, summary: 'Organisation units visible to the caller', querystring: OrgUnitListQuery, response: { 200: OrgUnitPage } },
    handler: (req) => org.listOrgUnits(ctxOf(req, deps), req.query),
  });
  app.get('/api/org-units/:id', {
    config: { policy: 'org.read' },
    schema: { tags, summary: 'One organisation unit', params: IdParams, response: { 200: OrgUnit } },
    handler: (req) => org.getOrgUnit(ctxOf(req, deps), req.params.id),
  });
  app.post('/api/org-units', {
    config: { policy: 'org.write' },
    schema: { tags, summary: 'Create an organisation unit', body: OrgUnitCreate, response: { 201: OrgUnit } },
    handler: async (req, reply) => reply.status(201).send(await org.createOrgUnit(ctxOf(req, deps), req.body)),
  });
  app.patch('/api/org-units/:id', {
    config: { policy: 'org.write' },
    schema: { tags, summary: 'Change an organisation unit', params: IdParams, body: OrgUnitUpdate, response: { 200: OrgUnit } },
    handler: (req) => org.updateOrgUnit(ctxOf(req, deps), req.params.id, req.body),
  });
};
