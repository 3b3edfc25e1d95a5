import { sql } from 'kysely';
import { Health } from '@fengqiao/shared';
import type { ApiModule } from '../../platform/http/app.js';

export const healthRoutes: ApiModule = (app, deps) => {
  app.get('/api/health', {
    config: { policy: 'public' },
    schema: { tags: ['health'], summary: 'Liveness, and which database is in use', response: { 200: Health } },
    handler: async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, database: deps.dbKind, version: '0.1.0', time: deps.clock.now().toISOString() };
    },
  });
};
