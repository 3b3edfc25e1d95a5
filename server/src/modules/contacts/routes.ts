import { z } from 'zod';
import { AreaCode, Contact, ContactCreate, ContactListQuery, ContactUpdate, Ok, PublicAreaChild, PublicContactQuery, PublicContacts } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { NotModified, sendCacheable } from '../../platform/http/cacheable.js';
import * as contacts from './service.js';

const tags = ['contacts 联系人名录'];
const IdParams = z.strictObject({ id: z.string().uuid() });
/** Public answers may sit in browsers and proxies for 5 minutes; the ETag makes revalidation cheap. */
const PUBLIC_CACHE = 'public, max-age=300';

export const contactRoutes: ApiModule = (app, deps) => {
  app.get('/api/public/contacts', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Public directory: the contacts of an area and of every area above it, nearest level first (no login)',
      querystring: PublicContactQuery,
      response: { 200: PublicContacts, 304: NotModified },
    },
    handler: async (req, reply) => {
      const body = await contacts.listPublicContacts(ctxOf(req, deps), req.query.areaCode, req.query.q);
      return sendCacheable(req, reply, body, PUBLIC_CACHE);
    },
  });
  app.get('/api/public/areas/:code/children', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Children of an area for the public area picker: code, name, level (down to grids; no polygons). Code 000000 lists the top of the tree.',
      params: z.strictObject({ code: AreaCode }),
      response: { 200: z.array(PublicAreaChild), 304: NotModified },
    },
    handler: async (req, reply) => {
      const body = await contacts.listPublicAreaChildren(ctxOf(req, deps), req.params.code);
      return sendCacheable(req, reply, body, PUBLIC_CACHE);
    },
  });
  app.get('/api/contacts', {
    config: { policy: 'contact.read' },
    schema: { tags, summary: 'Contacts inside and above the viewer’s scope, with filters', querystring: ContactListQuery, response: { 200: z.array(Contact) } },
    handler: (req) => contacts.listContacts(ctxOf(req, deps), req.query),
  });
  app.post('/api/contacts', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: 'Add a contact (admin, within scope)', body: ContactCreate, response: { 201: Contact } },
    handler: async (req, reply) => reply.status(201).send(await contacts.createContact(ctxOf(req, deps), req.body)),
  });
  app.patch('/api/contacts/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: 'Change a contact (admin, within scope)', params: IdParams, body: ContactUpdate, response: { 200: Contact } },
    handler: (req) => contacts.updateContact(ctxOf(req, deps), req.params.id, req.body),
  });
  app.delete('/api/contacts/:id', {
    config: { policy: 'contact.write' },
    schema: { tags, summary: 'Delete a contact (admin, within scope)', params: IdParams, response: { 200: Ok } },
    handler: async (req) => {
      await contacts.deleteContact(ctxOf(req, deps), req.params.id);
      return { ok: true as const };
    },
  });
};
