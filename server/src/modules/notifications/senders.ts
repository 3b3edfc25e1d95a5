import type { FastifyBaseLogger } from 'fastify';
import { maskPhone, type FieldCipher } from '../../platform/crypto.js';

/** What an outbox row carries (see notify()). */
export interface OutboxPayload {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  matterId: string | null;
  /**
   * Messages to a number with no account yet (citizens' verification codes): the number, sealed
   * with the FieldCipher. When set, `body` is sealed too (it carries the code) and the SMS goes
   * to this number rather than to a user.
   */
  phoneEnc?: string;
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

/**
 * The default SMS channel until the city's gateway is wired: writes each SMS to the app log, the
 * number masked (138****5678). Messages to a sealed number (verification codes) are opened here,
 * so a developer can read the code in the log; the number never appears in clear.
 */
export class LogSmsSender implements SmsSender {
  readonly channel = 'sms' as const;
  constructor(
    private readonly log: Pick<FastifyBaseLogger, 'info'>,
    private readonly cipher: FieldCipher,
  ) {}
  async send(recipient: string, payload: OutboxPayload, meta: { outboxId: number; attempt: number }): Promise<void> {
    if (payload.phoneEnc) {
      const to = maskPhone(this.cipher.decrypt(payload.phoneEnc));
      this.log.info({ outbox: meta.outboxId, to, kind: payload.kind, text: this.cipher.decrypt(payload.body) }, 'sms (log channel)');
    } else {
      this.log.info({ outbox: meta.outboxId, recipient, kind: payload.kind, title: payload.title, link: payload.link }, 'sms (log channel)');
    }
  }
}
