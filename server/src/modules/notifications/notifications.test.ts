import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { makeUser } from '../../../test/factories.js';
import { call, loginToken, useTestEnv } from '../../../test/test-app.js';
import { notify, publishAfterCommit } from './service.js';

// In-app notifications: written in the caller's transaction, read and marked only by their
// owner, and pushed to open Server-Sent Event streams after the commit.

/**
 * Opens an SSE stream with node:http and no agent: fetch's pool leaves a spare connection that
 * holds up closing the server for its keep-alive timeout.
 */
function openStream(port: number, token: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/api/notifications/stream', agent: false, headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject);
  });
}

/** Reads an SSE response and hands out its events one by one. */
function sseReader(res: http.IncomingMessage) {
  const reader = (Readable.toWeb(res) as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 5000): Promise<{ event: string; data: string }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event) return { event, data: data ?? '' };
          continue; // retry: / comments
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no SSE event in time');
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no SSE event in time')), left))]);
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => {
      res.destroy();
    },
  };
}

describeEachDb('notifications', (kind) => {
  const env = useTestEnv(kind);

  async function people() {
    const { app, database } = env();
    const a = await makeUser(database.db, { roles: ['dispatcher'] });
    const b = await makeUser(database.db, { roles: ['dept_handler'] });
    return { a: await loginToken(app, a.username, a.password), b: await loginToken(app, b.username, b.password) };
  }

  describe('notify', () => {
    it('writes notifications and outbox rows that commit with the caller’s transaction', async () => {
      const { database, clock } = env();
      const { a, b } = await people();
      await database.db.transaction().execute(async (trx) => {
        await notify(trx, { clock }, { userIds: [a.userId, b.userId, a.userId], kind: 'matter.dispatched', title: '新工单', body: '请签收', link: '/matters/x', channels: ['sms', 'log'] });
      });
      const rows = await database.db.selectFrom('notifications').selectAll().where('user_id', 'in', [a.userId, b.userId]).execute();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ kind: 'matter.dispatched', title: '新工单', body: '请签收', link: '/matters/x', read_at: null });
      const outbox = await database.db.selectFrom('outbox').selectAll().where('recipient', 'in', [a.userId, b.userId]).execute();
      expect(outbox.map((o) => `${o.channel}:${o.recipient === a.userId ? 'a' : 'b'}`).sort()).toEqual(['log:a', 'log:b', 'sms:a', 'sms:b']);
      expect(outbox[0]!.payload).toMatchObject({ kind: 'matter.dispatched', title: '新工单', link: '/matters/x' });
    });

    it('leaves no rows when the caller’s transaction rolls back', async () => {
      const { database, clock } = env();
      const { a } = await people();
      await expect(
        database.db.transaction().execute(async (trx) => {
          await notify(trx, { clock }, { userIds: [a.userId], kind: 'matter.dispatched', title: 't', body: 'b', channels: ['log'] });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await database.db.selectFrom('notifications').select('id').where('user_id', '=', a.userId).execute()).toHaveLength(0);
      expect(await database.db.selectFrom('outbox').select('id').where('recipient', '=', a.userId).execute()).toHaveLength(0);
    });
  });

  describe('API', () => {
    it('lists, counts and marks read only the caller’s own notifications', async () => {
      const { app, database, clock } = env();
      const { a, b } = await people();
      for (const title of ['一', '二', '三']) await notify(database.db, { clock }, { userIds: [a.userId], kind: 'k', title, body: '' });
      await notify(database.db, { clock }, { userIds: [b.userId], kind: 'k', title: 'b的', body: '' });

      const list = await call(app, a, 'GET', '/api/notifications?pageSize=2');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(list.json().items.map((n: { title: string }) => n.title)).toEqual(['三', '二']);
      expect((await call(app, a, 'GET', '/api/notifications/unread-count')).json()).toEqual({ count: 3 });

      const first = list.json().items[0];
      const read = await call(app, a, 'POST', `/api/notifications/${first.id}/read`);
      expect(read.json()).toEqual({ count: 2 });
      expect((await call(app, a, 'POST', `/api/notifications/${first.id}/read`)).json()).toEqual({ count: 2 });
      const unread = await call(app, a, 'GET', '/api/notifications?unread=true');
      expect(unread.json().items.map((n: { title: string }) => n.title)).toEqual(['二', '一']);
      expect((await call(app, a, 'GET', '/api/notifications')).json().items[0].readAt).toBe(new Date(clock.now()).toISOString());

      // b's notification: the same 404 as a missing one, and it stays unread.
      const bs = (await call(app, b, 'GET', '/api/notifications')).json().items[0];
      expect((await call(app, a, 'POST', `/api/notifications/${bs.id}/read`)).statusCode).toBe(404);
      expect((await call(app, a, 'POST', '/api/notifications/999999999/read')).statusCode).toBe(404);
      expect((await call(app, b, 'GET', '/api/notifications/unread-count')).json()).toEqual({ count: 1 });

      expect((await call(app, a, 'POST', '/api/notifications/read-all')).json()).toEqual({ count: 0 });
      expect((await call(app, b, 'GET', '/api/notifications/unread-count')).json()).toEqual({ count: 1 });
      expect((await call(app, null, 'GET', '/api/notifications')).statusCode).toBe(401);
    });

    it('answers stream?once=true with the current count and ends', async () => {
      const { app, database, clock } = env();
      const { a } = await people();
      await notify(database.db, { clock }, { userIds: [a.userId], kind: 'k', title: 't', body: '' });
      const res = await call(app, a, 'GET', '/api/notifications/stream?once=true');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(res.body).toContain('event: unread\ndata: {"count":1}\n\n');
    });
  });

  describe('stream', () => {
    it('sends the unread count on connect and again after each committed change', async () => {
      const { app, database, clock } = env();
      const { a, b } = await people();
      await notify(database.db, { clock }, { userIds: [a.userId], kind: 'k', title: 'before', body: '' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;

      const res = await openStream(port, a.token);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const events = sseReader(res);
      expect(await events.next()).toEqual({ event: 'unread', data: '{"count":1}' });

      await database.db.transaction().execute((trx) => notify(trx, { clock }, { userIds: [a.userId, b.userId], kind: 'k', title: 'new', body: '' }));
      publishAfterCommit([a.userId, b.userId]);
      expect(await events.next()).toEqual({ event: 'unread', data: '{"count":2}' });

      // Marking read through the API pushes the lower count; another user's change sends nothing.
      expect((await call(app, a, 'POST', '/api/notifications/read-all')).statusCode).toBe(200);
      expect(await events.next()).toEqual({ event: 'unread', data: '{"count":0}' });
      await notify(database.db, { clock }, { userIds: [b.userId], kind: 'k', title: 'only b', body: '' });
      publishAfterCommit([b.userId]);
      await notify(database.db, { clock }, { userIds: [a.userId], kind: 'k', title: 'a again', body: '' });
      publishAfterCommit([a.userId]);
      expect(await events.next()).toEqual({ event: 'unread', data: '{"count":1}' });
      events.cancel();

      // Left open on purpose: closing the app (afterAll) must end it rather than wait on it.
      expect(await sseReader(await openStream(port, b.token)).next()).toEqual({ event: 'unread', data: '{"count":2}' });
    });
  });
});
