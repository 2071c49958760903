import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

/** Where the admin browser suites put their screenshots (gitignored). */
export const ADMIN_SHOTS = 'test-results/admin';

/** Headless Chromium for an admin browser suite, with its screenshot folder made. */
export async function adminBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  await mkdir(ADMIN_SHOTS, { recursive: true });
  return browser;
}

/** A staff page in Chinese (`/admin…` or `/agent`), 1280 × 900 unless told. */
export async function staffPage(
  browser: Browser,
  url: string,
  path: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport });
  await page.goto(`${url}${path}`);
  return page;
}

/** Fills the staff login form and submits it (the seeded accounts' password is `secret-<name>`). */
export async function submitLogin(
  page: Page,
  username: string,
  password = `secret-${username}`,
): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('.login button[type=submit]');
}
