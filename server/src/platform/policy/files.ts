import type { Actor } from './actor.js';

/**
 * Reading an uploaded file follows the record it is attached to (modules/files asks each
 * module). The administrator reads any file: support and takedowns reach files whose record
 * they cannot see, or that no record holds yet.
 */
export function mayReadAnyFile(actor: Actor): boolean {
  return actor.roles.includes('admin');
}
