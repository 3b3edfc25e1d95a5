import { CategorySuggestions, CategorySuggestRequest } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { suggestCategory, suggestCategoryForMatter } from './suggest.js';

const tags = ['matters 事项'];

export const suggestCategoryRoutes: ApiModule = (app, deps) => {
  app.post('/api/matters/suggest-category', {
    config: { policy: 'matter.create' },
    schema: {
      tags,
      summary: '智能分类: up to 3 likely categories for what the person wrote (or, for triage, a matter), with a confidence 0..1',
      body: CategorySuggestRequest,
      response: { 200: CategorySuggestions },
    },
    handler: (req) => (req.body.matterId ? suggestCategoryForMatter(ctxOf(req, deps), req.body.matterId) : suggestCategory(ctxOf(req, deps), req.body.text ?? '')),
  });
};
