import { EventEmitter } from 'node:events';

/**
 * In-process signal "this user's notifications changed", for the SSE streams of this process.
 * Fired only after the transaction that wrote the rows committed (else a stream could count rows
 * that then roll back); other processes' changes reach a stream through its poll fallback.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

const topic = (userId: string) => `user:${userId}`;

export function publishAfterCommit(userIds: Iterable<string>): void {
  for (const id of new Set(userIds)) bus.emit(topic(id));
}

export function onUserChanged(userId: string, listener: () => void): () => void {
  bus.on(topic(userId), listener);
  return () => bus.off(topic(userId), listener);
}
