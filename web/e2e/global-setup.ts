import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: RunningServer | null = null;

/** One server for the whole suite. E2E_BASE_URL reuses an already running server instead. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  server = await startServer();
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = null;
}
