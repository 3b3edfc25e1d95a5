import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers every answer carries. The web app is built by Vite into module scripts served from our
 * own origin, so scripts need no 'unsafe-inline'; antd writes its CSS-in-JS as <style> elements and
 * Leaflet positions with style attributes, so styles do. Map tiles come from a tile server named by
 * configuration (`CSP_IMG_SOURCES`), nothing else leaves the origin.
 */
export function contentSecurityPolicy(imgSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${["'self'", 'data:', 'blob:', ...imgSources].join(' ')}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * True when the client reached us over TLS: directly, or through a proxy we trust (Fastify's
 * `trustProxy`, from TRUST_PROXY) that says so in X-Forwarded-Proto. An untrusted client's header
 * is ignored, so nobody can switch HSTS or cookie flags on for someone else.
 */
export function servedOverTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** Sets the headers every answer carries; `csp` is contentSecurityPolicy(...) worked out once. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, csp: string): void {
  reply.header('x-request-id', request.id);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('content-security-policy', csp);
  // For browsers older than frame-ancestors.
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(self), geolocation=(self), microphone=()');
  if (servedOverTls(request)) reply.header('strict-transport-security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
}

/** On every routed answer; Fastify's refusals before routing (frameworkErrors) call applySecurityHeaders themselves. */
export function installSecurityHeaders(app: FastifyInstance, csp: string): void {
  app.addHook('onSend', async (request, reply) => applySecurityHeaders(request, reply, csp));
}
