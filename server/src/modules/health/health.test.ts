import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.js';
import { useTestEnv } from '../../../test/test-app.js';

describeEachDb('health and API documentation', (kind) => {
  const env = useTestEnv(kind);

  it('reports status and which database is in use', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: kind });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves an OpenAPI document generated from the zod schemas, covering every route', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of env().app.apiRoutes) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[openApiPath]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const ui = await env().app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });
});
