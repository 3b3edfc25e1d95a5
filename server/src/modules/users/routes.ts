import { z } from 'zod';
import { User, UserCreate, UserListQuery, UserPage, UserUpdate } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import * as users from './service.js';

const IdParams = z.strictObject({ id: z.string().uuid('id must be a UUID') });
const tags = ['users 用户'];

export const userRoutes: ApiModule = (app, deps) => {
  app.get('/api/users', {
    config: { policy: 'user.read' },
    schema: { tags, summary: 'Users whose scope lies inside the caller’s', querystring: UserListQuery, response: { 200: UserPage } },
    handler: (req) => users.listUsers(ctxOf(req, deps), req.query),
  });
  app.get('/api/users/:id', {
    config: { policy: 'user.read' },
    schema: { tags, summary: 'One user (phone masked)', params: IdParams, response: { 200: User } },
    handler: (req) => users.getUser(ctxOf(req, deps), req.params.id),
  });
  app.post('/api/users', {
    config: { policy: 'user.write' },
    schema: { tags, summary: 'Create a user', body: UserCreate, response: { 201: User } },
    handler: async (req, reply) => reply.status(201).send(await users.createUser(ctxOf(req, deps), req.body)),
  });
  app.patch('/api/users/:id', {
    config: { policy: 'user.write' },
    schema: { tags, summary: 'Change roles, unit, scope, password; disable or unlock', params: IdParams, body: UserUpdate, response: { 200: User } },
    handler: (req) => users.updateUser(ctxOf(req, deps), req.params.id, req.body, req.session?.token),
  });
};
