import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { adminPage } from './admin-page.js';

/** Where `npm run build` writes the dashboard bundle (same path from src/ under tsx and from dist/). */
export const ADMIN_DIR = fileURLToPath(new URL('../../../dist/web/admin/', import.meta.url));

/** `/admin` (the analytics dashboard until the admin console exists) and its bundle. */
export function adminRoutes(): Router {
  const router = Router();
  router.get('/admin', (_req, res) => {
    res.redirect(302, '/admin/analytics');
  });
  router.get('/admin/analytics', (_req, res) => {
    res.type('html').send(adminPage());
  });
  router.get('/admin/dashboard.js', (_req, res, next) => {
    if (existsSync(`${ADMIN_DIR}dashboard.js`)) return next();
    res.status(503).type('text/plain').send('admin dashboard not built: run `npm run build`\n');
  });
  router.use('/admin', express.static(ADMIN_DIR, { index: false, maxAge: '5m' }));
  return router;
}
