import { DisputeScreening, ScreeningCoverage, ScreeningCoverageQuery, ScreeningReport } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { reportScreening, screeningCoverage } from './screening.js';

const tags = ['disputes 矛盾纠纷'];

export const disputeScreeningRoutes: ApiModule = (app, deps) => {
  app.post('/api/dispute-screenings', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: '滚动排查: a grid’s report for a month, found or none (a second report updates it; 200 either way)', body: ScreeningReport, response: { 200: DisputeScreening } },
    handler: (req) => reportScreening(ctxOf(req, deps), req.body),
  });
  app.get('/api/dispute-screenings/coverage', {
    config: { policy: 'dispute.read' },
    schema: { tags, summary: 'Screening coverage of an area for a month: each grid found / none found / not screened, with totals', querystring: ScreeningCoverageQuery, response: { 200: ScreeningCoverage } },
    handler: (req) => screeningCoverage(ctxOf(req, deps), req.query),
  });
};
