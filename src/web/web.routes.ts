import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { demoPage } from './demo-page.js';

/** Where `npm run build` writes the bundled widget (same path from src/ under tsx and from dist/). */
export const WIDGET_DIR = fileURLToPath(new URL('../../dist/web/public/', import.meta.url));

/** `/widget.js` (the embeddable chat) and `/` (the demo page that shows it). */
export function webRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.type('html').send(demoPage(req.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh'));
  });
  router.get('/widget.js', (_req, res, next) => {
    if (existsSync(`${WIDGET_DIR}widget.js`)) {
      next();
      return;
    }
    res.status(503).type('text/plain').send('widget not built: run `npm run build`\n');
  });
  router.use(express.static(WIDGET_DIR, { index: false, maxAge: '5m' }));
  return router;
}
