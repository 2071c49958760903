import { AuditLogPage } from './audit.js';
import { ConfigPage } from './config/config-page.js';
import { Dashboard } from './dashboard.js';
import type { AdminPage } from './page.js';
import { PeoplePage } from './people.js';
import { SystemPage } from './system.js';

/**
 * The console's pages, in navigation order. A page is one entry here: the shell draws the
 * navigation and routes `/admin/<path>[/…]` from this list, so adding a page edits nothing else.
 */
export const PAGES: readonly AdminPage[] = [
  { path: '', aliases: ['analytics'], label: 'home', component: Dashboard },
  { path: 'people', label: 'people', component: PeoplePage },
  { path: 'config', label: 'config', component: ConfigPage },
  { path: 'audit', label: 'audit', component: AuditLogPage },
  { path: 'system', label: 'system', component: SystemPage },
];
