import type { FastifyBaseLogger } from 'fastify';

/** What an outbox row carries (see notify()). */
export interface OutboxPayload {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  matterId: string | null;
}

/**
 * Delivers outbox rows of one channel. `recipient` is the user id: the sender resolves the
 * address it needs (phone, WeChat openid). Throwing marks the attempt failed; the dispatcher
 * retries with backoff. Delivery is at least once (a crash after sending and before marking the
 * row sent sends it again), so a sender that can should de-duplicate by the row id it gets.
 */
export interface Sender {
  readonly channel: string;
  send(recipient: string, payload: OutboxPayload, meta: { outboxId: number; attempt: number }): Promise<void>;
}

/** The default: writes each message to the app log. */
export class LogSender implements Sender {
  readonly channel = 'log';
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'>) {}
  async send(recipient: string, payload: OutboxPayload, meta: { outboxId: number; attempt: number }): Promise<void> {
    this.log.info({ outbox: meta.outboxId, recipient, kind: payload.kind, title: payload.title, link: payload.link }, 'notification (log channel)');
  }
}

/**
 * SMS adapter (channel 'sms'), to be implemented against the city's SMS gateway: look up and
 * decrypt the user's phone (users.phone_enc with the FieldCipher), send `title` + a short link,
 * and throw on a gateway error so the row is retried. Not implemented yet.
 */
export interface SmsSender extends Sender {
  readonly channel: 'sms';
}

/**
 * WeChat adapter (channel 'wechat'): a template / subscribe message to the user's bound openid,
 * `link` as the page to open. Not implemented yet.
 */
export interface WeChatSender extends Sender {
  readonly channel: 'wechat';
}
