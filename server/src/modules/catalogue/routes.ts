import { z } from 'zod';
import {
  CalendarDay,
  CalendarDayUpsert,
  Category,
  CategoryCode,
  CategoryUpsert,
  DeadlineRule,
  DeadlineRuleUpsert,
  Ok,
  RoutingRule,
  RoutingRuleCreate,
} from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import * as catalogue from './service.js';

const tags = ['catalogue 目录与规则'];
const Day = CalendarDay.shape.day;

export const catalogueRoutes: ApiModule = (app, deps) => {
  app.get('/api/categories', {
    config: { policy: 'catalog.read' },
    schema: { tags, summary: 'The two-level category catalogue', response: { 200: z.array(Category) } },
    handler: (req) => catalogue.listCategories(ctxOf(req, deps)),
  });
  app.put('/api/categories/:code', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Create or rename/activate a category', params: z.strictObject({ code: CategoryCode }), body: CategoryUpsert.omit({ code: true }), response: { 200: Category } },
    handler: (req) => catalogue.saveCategory(ctxOf(req, deps), req.params.code, req.body),
  });
  app.get('/api/routing-rules', {
    config: { policy: 'catalog.read' },
    schema: { tags, summary: 'Routing rules: category × area → unit', response: { 200: z.array(RoutingRule) } },
    handler: (req) => catalogue.listRoutingRules(ctxOf(req, deps)),
  });
  app.post('/api/routing-rules', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Add a routing rule', body: RoutingRuleCreate, response: { 201: RoutingRule } },
    handler: async (req, reply) => reply.status(201).send(await catalogue.createRoutingRule(ctxOf(req, deps), req.body)),
  });
  app.delete('/api/routing-rules/:id', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Delete a routing rule', params: z.strictObject({ id: z.string().uuid() }), response: { 200: Ok } },
    handler: async (req) => {
      await catalogue.deleteRoutingRule(ctxOf(req, deps), req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/deadline-rules', {
    config: { policy: 'catalog.read' },
    schema: { tags, summary: 'Deadline rules by category and urgency', response: { 200: z.array(DeadlineRule) } },
    handler: (req) => catalogue.listDeadlineRules(ctxOf(req, deps)),
  });
  app.put('/api/deadline-rules', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Set the deadlines for a category (or the default) and urgency', body: DeadlineRuleUpsert, response: { 200: DeadlineRule } },
    handler: (req) => catalogue.saveDeadlineRule(ctxOf(req, deps), req.body),
  });
  app.get('/api/calendar', {
    config: { policy: 'catalog.read' },
    schema: { tags, summary: 'Holidays and 调休 working days of a year', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: z.array(CalendarDay) } },
    handler: (req) => catalogue.listCalendar(ctxOf(req, deps), req.query.year),
  });
  app.put('/api/calendar/:day', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Mark a day as holiday or 调休 working day', params: z.strictObject({ day: Day }), body: CalendarDayUpsert.omit({ day: true }), response: { 200: CalendarDay } },
    handler: (req) => catalogue.saveCalendarDay(ctxOf(req, deps), req.params.day, req.body),
  });
  app.delete('/api/calendar/:day', {
    config: { policy: 'catalog.write' },
    schema: { tags, summary: 'Return a day to the normal week', params: z.strictObject({ day: Day }), response: { 200: Ok } },
    handler: async (req) => {
      await catalogue.deleteCalendarDay(ctxOf(req, deps), req.params.day);
      return { ok: true as const };
    },
  });
};
