import { z } from 'zod';
import { DisputeMeeting, MeetingAgenda, MeetingAgendaQuery, MeetingCreate, MeetingListQuery, MeetingPage } from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { createMeeting, getMeeting, listMeetings, meetingAgenda } from './meetings.js';

const tags = ['disputes 矛盾纠纷'];

export const disputeMeetingRoutes: ApiModule = (app, deps) => {
  app.get('/api/dispute-meetings/agenda', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: '联席会 agenda: the open cases of a 镇/街道, most serious and oldest first', querystring: MeetingAgendaQuery, response: { 200: MeetingAgenda } },
    handler: (req) => meetingAgenda(ctxOf(req, deps), req.query),
  });
  app.post('/api/dispute-meetings', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: 'Record a 联席会 held: its decisions land on each case’s timeline, all or none', body: MeetingCreate, response: { 201: DisputeMeeting } },
    handler: async (req, reply) => reply.status(201).send(await createMeeting(ctxOf(req, deps), req.body)),
  });
  app.get('/api/dispute-meetings', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: 'Past 联席会 of an area and below, latest first', querystring: MeetingListQuery, response: { 200: MeetingPage } },
    handler: (req) => listMeetings(ctxOf(req, deps), req.query),
  });
  app.get('/api/dispute-meetings/:id', {
    config: { policy: 'dispute.manage' },
    schema: { tags, summary: 'One 联席会 with its decisions', params: z.strictObject({ id: z.string().uuid('id must be a UUID') }), response: { 200: DisputeMeeting } },
    handler: (req) => getMeeting(ctxOf(req, deps), req.params.id),
  });
};
