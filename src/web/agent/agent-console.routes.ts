import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { consolePage } from './console-page.js';

/** Where `npm run build` writes the bundled console (same path from src/ under tsx and from dist/). */
export const CONSOLE_DIR = fileURLToPath(
  new URL('../../../dist/web/agent-console/', import.meta.url),
);

/** `/agent` (the agent console page) and `/agent/console.js` (its bundle). */
export function agentConsoleRoutes(): Router {
  const router = Router();
  router.get('/agent', (_req, res) => {
    res.type('html').send(consolePage());
  });
  router.get('/agent/console.js', (_req, res, next) => {
    if (existsSync(`${CONSOLE_DIR}console.js`)) return next();
    res.status(503).type('text/plain').send('agent console not built: run `npm run build`\n');
  });
  router.use('/agent', express.static(CONSOLE_DIR, { index: false, maxAge: '5m' }));
  return router;
}
