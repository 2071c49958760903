import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startTestApp } from '../support/test-app.js';

/** Source maps carry the original sources of the widget and console: served only on request. */
describe('source maps', () => {
  let app: App | undefined;
  beforeAll(async () => {
    await Promise.all([buildBundle('widget'), buildBundle('agentConsole')]);
  }, 60_000);
  afterEach(async () => {
    await app?.close();
  });

  it('are 404 by default while the bundles themselves are served', async () => {
    const started = await startTestApp();
    app = started.app;
    expect((await fetch(`${started.url}/widget.js`)).status).toBe(200);
    for (const path of [
      '/widget.js.map',
      '/agent/console.js.map',
      '/WIDGET.JS.MAP',
      '/widget.js.map?x=1',
    ]) {
      const response = await fetch(`${started.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('sourcesContent');
    }
  });

  it('are served with SERVE_SOURCE_MAPS=true', async () => {
    const started = await startTestApp({ SERVE_SOURCE_MAPS: 'true' });
    app = started.app;
    const response = await fetch(`${started.url}/widget.js.map`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"sources"');
  });
});
