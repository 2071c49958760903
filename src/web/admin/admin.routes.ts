import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { adminPage } from './admin-page.js';

/** Where `npm run build` writes the console bundle (same path from src/ under tsx and from dist/). */
export const ADMIN_DIR = fileURLToPath(new URL('../../../dist/web/admin/', import.meta.url));

/**
 * `/admin` and every `/admin/<page>[/…]` path serve the one console page (the browser routes by
 * path, `ui/console.tsx`); files (a dot in the name) come from the bundle folder.
 */
export function adminRoutes(): Router {
  const router = Router();
  router.get('/admin/console.js', (_req, res, next) => {
    if (existsSync(`${ADMIN_DIR}console.js`)) return next();
    res.status(503).type('text/plain').send('admin console not built: run `npm run build`\n');
  });
  router.use('/admin', express.static(ADMIN_DIR, { index: false, maxAge: '5m' }));
  router.get(['/admin', '/admin/{*rest}'], (req, res, next) => {
    if (req.path.includes('.')) return next();
    res.type('html').send(adminPage());
  });
  return router;
}
