import path from 'node:path';
import { z } from 'zod';
import {
  DisputeActionBody,
  DisputeCreate,
  DisputeDetail,
  DisputeLevelSchema,
  DisputeListQuery,
  DisputePage,
  LevelLimit,
  LevelLimitUpdate,
  PartyIdentity,
} from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { BlobStore } from '../files/storage.js';
import { actOnDispute } from './actions.js';
import { createCase } from './create.js';
import { listCases, listLevelLimits, setLevelLimit } from './list.js';
import { revealPartyIdentity } from './parties.js';
import { detailFor } from './view.js';

const Id = z.string().uuid('id must be a UUID');
const IdParams = z.strictObject({ id: Id });
const tags = ['disputes 矛盾纠纷'];
const detail = { 200: DisputeDetail };

export const disputeRoutes: ApiModule = (app, deps) => {
  // Agreements are stored where uploads are, and served by GET /api/files/:id.
  const store = new BlobStore(path.join(deps.config.dataDir, 'files'));

  app.post('/api/disputes', {
    config: { policy: 'dispute.create' },
    schema: { tags, summary: '受理: register a dispute case (parties encrypted; a 重大/易激化 case alerts the level above)', body: DisputeCreate, response: { 201: DisputeDetail } },
    handler: async (req, reply) => reply.status(201).send(await createCase(ctxOf(req, deps), req.body)),
  });
  app.get('/api/disputes', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'Cases the caller may see, by queue and filters', querystring: DisputeListQuery, response: { 200: DisputePage } },
    handler: (req) => listCases(ctxOf(req, deps), req.query),
  });
  app.get('/api/disputes/:id', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'One case: parties (masked), sessions, agreement, chain, timeline, the caller’s next steps', params: IdParams, response: detail },
    handler: (req) => detailFor(ctxOf(req, deps), req.params.id),
  });
  app.post('/api/disputes/:id/actions', {
    // Every step but 指派 is dispute.mediate (dispute.manage includes it); actOnDispute checks 指派's grant.
    config: { policy: 'dispute.mediate' },
    schema: {
      tags,
      summary: 'Take a step: 指派, 调解 sessions and 笔录, 风险研判, 调解成功/不成, 撤回, 终止, 上报, 履行登记, 调解协议书 (a Chinese PDF, GET /api/files/:id), 结案, chain steps',
      params: IdParams,
      body: DisputeActionBody,
      response: detail,
    },
    handler: (req) => actOnDispute(ctxOf(req, deps), store, req.params.id, req.body),
  });
  app.get('/api/disputes/:id/parties/:partyId/identity', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'A party’s full name, ID number and phone (audited read)', params: z.strictObject({ id: Id, partyId: Id }), response: { 200: PartyIdentity } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return revealPartyIdentity(ctxOf(req, deps), req.params.id, req.params.partyId);
    },
  });
  app.get('/api/dispute-level-limits', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'Working days a case may stay at each level before it moves up', response: { 200: z.array(LevelLimit) } },
    handler: (req) => listLevelLimits(ctxOf(req, deps)),
  });
  app.put('/api/dispute-level-limits/:level', {
    config: { policy: 'dispute.configure' },
    schema: { tags, summary: 'Set a level’s time limit (admin)', params: z.strictObject({ level: DisputeLevelSchema }), body: LevelLimitUpdate, response: { 200: z.array(LevelLimit) } },
    handler: (req) => setLevelLimit(ctxOf(req, deps), req.params.level, req.body.days),
  });
};
