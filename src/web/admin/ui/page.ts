import type { ComponentType } from 'preact';
import type { Language } from '../../../domain/taxonomy.js';
import type { Dictionary } from '../i18n/dictionary.js';
import type { Labels } from '../i18n/labels.js';
import type { AdminApi } from './api.js';

/** The logged-in admin, as kept in sessionStorage for the tab's life. */
export interface Session {
  token: string;
  username: string;
}

/** What the console shell hands every page. */
export interface PageProps {
  session: Session;
  /** The admin API with the session's token; a 401 logs the admin out. */
  api: AdminApi;
  labels: Labels;
  lang: Language;
  /** Path segments after the page's own: `['flows']` on `/admin/config/flows`. */
  rest: readonly string[];
  /** Goes to another console path (e.g. `/admin/people`) without reloading. */
  navigate: (path: string) => void;
}

/** One entry of the console's navigation: `/admin/<path>` shows `component`. */
export interface AdminPage {
  /** The first path segment after `/admin/`; `''` is the home page. */
  path: string;
  /** Other first segments that show the same page (old links). */
  aliases?: readonly string[];
  /** The navigation label, a key of the dictionaries' `nav` section. */
  label: keyof Dictionary['nav'];
  component: ComponentType<PageProps>;
}
