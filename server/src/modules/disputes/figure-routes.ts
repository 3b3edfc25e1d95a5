import { z } from 'zod';
import { DisputeStats, DisputeStatsQuery, MediatorListQuery, MediatorPage, MediatorProfile, StudioProfile } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { listMediators, mediatorProfile } from './mediators.js';
import { disputeStats } from './stats.js';
import { exportDisputeStats } from './stats-export.js';
import { studioProfile } from './studios.js';

const tags = ['disputes 矛盾纠纷'];
const Id = z.string().uuid('id must be a UUID');

/** Figures: mediators' and studios' records, statistics and their Excel export. */
export const disputeFigureRoutes: ApiModule = (app, deps) => {
  app.get('/api/mediators', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'Mediators of an area or studio with caseloads, 调解成功率 and mean days to settle', querystring: MediatorListQuery, response: { 200: MediatorPage } },
    handler: (req) => listMediators(ctxOf(req, deps), req.query),
  });
  app.get('/api/mediators/:userId', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'One mediator’s record, cases by type and latest cases', params: z.strictObject({ userId: Id }), response: { 200: MediatorProfile } },
    handler: (req) => mediatorProfile(ctxOf(req, deps), req.params.userId),
  });
  app.get('/api/studios/:unitId', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'A studio’s (工作室), committee’s or 司法所’s record with its mediators', params: z.strictObject({ unitId: Id }), response: { 200: StudioProfile } },
    handler: (req) => studioProfile(ctxOf(req, deps), req.params.unitId),
  });
  app.get('/api/dispute-stats', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: '矛盾纠纷统计 by type, level, source, area or month: outcomes, 化解率, amounts', querystring: DisputeStatsQuery, response: { 200: DisputeStats } },
    handler: (req) => disputeStats(ctxOf(req, deps), req.query),
  });
  app.get('/api/dispute-stats/export', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'The same statistics as an Excel workbook (.xlsx)', querystring: DisputeStatsQuery },
    handler: async (req, reply) => {
      const { file, name } = await exportDisputeStats(ctxOf(req, deps), req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="dispute-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(file);
    },
  });
};
