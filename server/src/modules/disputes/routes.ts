import path from 'node:path';
import { z } from 'zod';
import {
  ChainStepCreate,
  ChainStepResultInput,
  DisputeAssign,
  DisputeClose,
  DisputeCreate,
  DisputeDetail,
  DisputeEscalate,
  DisputeLevelSchema,
  DisputeListQuery,
  DisputeOutcome,
  DisputePage,
  LevelLimit,
  LevelLimitUpdate,
  PartyIdentity,
  PerformanceRecord,
  RiskAssessment,
  SessionCreate,
  SessionRecord,
} from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { BlobStore } from '../files/storage.js';
import { generateAgreement } from './agreement.js';
import { addChainStep, recordChainResult } from './chain.js';
import { createCase } from './create.js';
import { escalateCase } from './escalation.js';
import { listCases, listLevelLimits, setLevelLimit } from './list.js';
import { addSession, assessRisk, assignMediators, recordSession } from './mediation.js';
import { closeCase, recordOutcome, recordPerformance } from './outcome.js';
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
  app.post('/api/disputes/:id/mediators', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: '指派: name the mediators and/or the studio (replaces the previous choice)', params: IdParams, body: DisputeAssign, response: detail },
    handler: (req) => assignMediators(ctxOf(req, deps), req.params.id, req.body),
  });
  app.post('/api/disputes/:id/sessions', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: 'Schedule a session, or record one held (with minutes)', params: IdParams, body: SessionCreate, response: detail },
    handler: (req) => addSession(ctxOf(req, deps), req.params.id, req.body),
  });
  app.patch('/api/disputes/:id/sessions/:sessionId', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '调解笔录 of a scheduled session (409 when it changed since the version read)', params: z.strictObject({ id: Id, sessionId: Id }), body: SessionRecord, response: detail },
    handler: (req) => recordSession(ctxOf(req, deps), req.params.id, req.params.sessionId, req.body),
  });
  app.post('/api/disputes/:id/risk', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '风险研判: change the risk level or the 易激化 flag', params: IdParams, body: RiskAssessment, response: detail },
    handler: (req) => assessRisk(ctxOf(req, deps), req.params.id, req.body),
  });
  app.post('/api/disputes/:id/outcome', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '调解成功 (terms), 调解不成 (path), 撤回 or 终止', params: IdParams, body: DisputeOutcome, response: detail },
    handler: (req) => recordOutcome(ctxOf(req, deps), req.params.id, req.body),
  });
  app.post('/api/disputes/:id/terms/:termId/performance', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '履行登记 of one agreement term', params: z.strictObject({ id: Id, termId: Id }), body: PerformanceRecord, response: detail },
    handler: (req) => recordPerformance(ctxOf(req, deps), req.params.id, req.params.termId, req.body),
  });
  app.post('/api/disputes/:id/close', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '结案 once every term is performed', params: IdParams, body: DisputeClose, response: detail },
    handler: (req) => closeCase(ctxOf(req, deps), req.params.id, req.body.note),
  });
  app.post('/api/disputes/:id/agreement', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '生成调解协议书: a Chinese PDF stored with the case (GET /api/files/:id to print it)', params: IdParams, response: detail },
    handler: (req) => generateAgreement(ctxOf(req, deps), store, req.params.id),
  });
  app.post('/api/disputes/:id/chain', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: 'Add a chain step: 司法确认, 诉讼引调/诉前调解 or 诉讼', params: IdParams, body: ChainStepCreate, response: detail },
    handler: (req) => addChainStep(ctxOf(req, deps), req.params.id, req.body),
  });
  app.post('/api/disputes/:id/chain/:stepId/result', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: 'The result of a chain step', params: z.strictObject({ id: Id, stepId: Id }), body: ChainStepResultInput, response: detail },
    handler: (req) => recordChainResult(ctxOf(req, deps), req.params.id, req.params.stepId, req.body),
  });
  app.post('/api/disputes/:id/escalate', {
    config: { policy: 'dispute.mediate' },
    schema: { tags, summary: '上报: beyond this level’s competence, move the case up one level', params: IdParams, body: DisputeEscalate, response: detail },
    handler: (req) => escalateCase(ctxOf(req, deps), req.params.id, req.body),
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
