import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface ErrorOf {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

/** The error contract: {error:{code,message,details?,requestId}}, requestId echoed in the header. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorOf {
  expect(res.statusCode, res.body).toBe(status);
  return expectErrorShape(res, code);
}

/** The contract without the status: the body shape, the code, and nothing from inside the server. */
export function expectErrorShape(res: LightMyRequestResponse, code?: string): ErrorOf {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { error, ...rest } = res.json();
  expect(rest).toEqual({});
  expect(Object.keys(error).every((k) => ['code', 'message', 'details', 'requestId'].includes(k))).toBe(true);
  expect(error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String), requestId: res.headers['x-request-id'] });
  // Nothing from inside the server: no SQL, no stack frames, no driver wording.
  expect(error.message).not.toMatch(/\b(select|insert|update|delete)\b.*\b(from|into|set)\b|\n\s+at |\.ts:\d+|constraint|duplicate key|pg_/i);
  return error as ErrorOf;
}

export const pathsOf = (error: { details?: { path: string }[] }) => (error.details ?? []).map((d) => d.path);
