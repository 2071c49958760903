import type { Browser, Page } from 'playwright-core';
import {
  CATEGORIES,
  EMOTIONS,
  NATURES,
  RISK_FLAGS,
  SLOT_NAMES,
} from '../../src/domain/taxonomy.js';
import { SEVERITIES } from '../../src/domain/ticket.js';
import { LIVE_FIELDS } from '../../src/handoff/live-case.js';
import { FAILURES, RESOLUTION_CODES } from '../../src/web/agent/i18n/dictionary.js';
import { staffPage, submitLogin } from '../support/staff-pages.js';

/** Latin words the Chinese console may show: key names, "SLA", and the `group:` syntax of transfer. */
const ALLOWED_LATIN = new Set(['SLA', 'Ctrl', 'Shift', 'group']);
const CODES = new Set<string>([
  ...CATEGORIES,
  ...EMOTIONS,
  ...NATURES,
  ...RISK_FLAGS,
  ...SLOT_NAMES,
  ...SEVERITIES,
  ...LIVE_FIELDS,
  ...RESOLUTION_CODES,
  ...FAILURES,
]);

/**
 * Every word the console itself shows (text, placeholders, labels, titles, options), without what
 * the customer wrote or the summary quotes (each in a `bdi`), ticket numbers and the agent's name.
 */
export async function consoleWords(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent === null || parent.closest('bdi, .me, script, style') !== null) continue;
      out.push(node.textContent ?? '');
    }
    for (const element of document.body.querySelectorAll('*'))
      for (const name of ['placeholder', 'aria-label', 'title'])
        out.push(element.getAttribute(name) ?? '');
    out.push(document.title);
    return out;
  });
  return latinWords(shown.join(' '));
}

/** The Latin words of a text, ticket numbers and `{placeholders}` left out. */
export function latinWords(text: string): string[] {
  return text
    .replace(/Q\d{8}-[0-9A-Z]{6}/g, ' ')
    .replace(/\{\w+\}/g, ' ')
    .split(/[^A-Za-z_]+/)
    .filter((word) => word.length > 0);
}

/** What a Chinese console must not show: a raw taxonomy code or any other English word. */
export function rawWordsIn(words: readonly string[]): string[] {
  return words.filter((word) => CODES.has(word) || !ALLOWED_LATIN.has(word));
}

/** The agent console in Chinese at 1280 px wide, on its login form. */
export function agentConsolePage(browser: Browser, url: string, height = 860): Promise<Page> {
  return staffPage(browser, url, '/agent', { width: 1280, height });
}

/** The agent console logged in as `username`, once its (empty) queue shows. */
export async function loggedInAgentConsole(
  browser: Browser,
  url: string,
  username = 'amy',
  height = 860,
): Promise<Page> {
  const page = await agentConsolePage(browser, url, height);
  await submitLogin(page, username);
  await page.waitForSelector('.queue .empty');
  return page;
}
