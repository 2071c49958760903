import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { healthRoutes } from '../../src/server/health.js';
import { startTestApp } from '../support/test-app.js';

describe('HTTP surface (embedded mode)', () => {
  let app: App;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await startTestApp());
  });
  afterAll(() => app.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves the demo page in the visitor’s language with the one-line embed', async () => {
    const zh = await (
      await fetch(url, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })
    ).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<script src="/widget.js"');
    const en = await (
      await fetch(url, { headers: { 'accept-language': 'en-GB,en;q=0.8' } })
    ).text();
    expect(en).toContain('<html lang="en">');
  });

  it('sends security headers and lets other sites load its scripts', async () => {
    const response = await fetch(url);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });
});

describe('/readyz', () => {
  it('is 503 and names the failing dependency when a check fails or hangs', async () => {
    const server = express()
      .use(
        healthRoutes([
          { name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) },
          { name: 'slow', check: () => new Promise(() => undefined) },
          { name: 'fine', check: () => Promise.resolve() },
        ]),
      )
      .listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        checks: { redis: 'failed', slow: 'failed', fine: 'ok' },
      });
    } finally {
      server.close();
    }
  });
});
