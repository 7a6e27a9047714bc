/**
 * No deck content can run script: a deck with a payload in every text field is imported through
 * the import screen, then shown on the brief, card browser, study, quiz, editor and stats screens.
 * Each screen is checked for a dialog, the `window.__xss` sentinel, CSP violations and any
 * executable markup in the DOM, and the payload text must still be shown (inertly).
 */
import { expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { freshContextEachTest } from './fixture';
import { PAYLOADS, xssDeck } from './fixtures/xss-deck';

const baseUrl = inject('baseUrl');
let page: Page;
let dialogs: string[];

freshContextEachTest(async (_context, p) => {
  page = p!;
  // An action that cannot happen fails with its own message well before the test's time runs out.
  page.setDefaultTimeout(15_000);
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
});

/** What an injection would leave behind: the sentinel, dialogs, CSP reports, executable markup. */
async function assertInert(where: string) {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __violations: string[] };
    const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
    );
    // A JSON data block (the prerendered deck index) is inert; any other script without a source is not.
    const inlineScripts = [...document.querySelectorAll('script')].filter((s) => !s.src && s.type !== 'application/json').length;
    const badLinks = [...document.querySelectorAll('a[href], form[action], iframe, object, embed')]
      .map((el) => el.getAttribute('href') ?? el.getAttribute('action') ?? el.tagName)
      .filter((v) => !/^(https?:|mailto:|\/|#)/i.test(v));
    const foreign = document.querySelectorAll('svg script, math, iframe, object, embed, body style, main img[onerror]').length;
    return { xss: w.__xss ?? null, violations: w.__violations, handlers, inlineScripts, badLinks, foreign };
  });
  expect({ where, ...found, dialogs }).toEqual({
    where,
    xss: null,
    violations: [],
    handlers: [],
    inlineScripts: 0,
    badLinks: [],
    foreign: 0,
    dialogs: [],
  });
}

test('a deck full of injection payloads is imported and shown inertly on every screen', async () => {
  const deck = xssDeck();
  await page.goto(`${baseUrl}/import`);
  await page.getByLabel('Or paste a shared link, deck JSON or table text').fill(JSON.stringify(deck));
  await page.getByRole('button', { name: 'Check pasted text' }).click();
  await page.getByRole('button', { name: 'Import this deck' }).click();
  await page.getByRole('heading', { name: 'Imported' }).waitFor();
  await assertInert('import');

  // Deck page: the title and the brief show the payloads as text.
  await page.goto(`${baseUrl}/deck/xss-check`);
  await page.getByRole('heading', { level: 1, name: deck.title as string }).waitFor();
  await expect(page.locator('main').innerText()).resolves.toContain('<img src=x onerror="window.__xss=1">');
  await assertInert('deck page');

  // Card browser: open it when it is behind a control.
  const browse = page.getByRole('button', { name: /browse|cards/i }).first();
  if (await browse.isVisible().catch(() => false)) await browse.click();
  await assertInert('card browser');

  // Study every card: reveal and grade until the session ends.
  await page.goto(`${baseUrl}/study/xss-check`);
  for (let i = 0; i < 8; i++) {
    const show = page.getByRole('button', { name: /^Show answer/ });
    const summary = page.getByRole('heading', { name: /session|done|nothing due/i });
    await show.or(summary).first().waitFor();
    if (!(await show.isVisible())) break;
    const typed = page.getByRole('textbox');
    if (await typed.isVisible().catch(() => false)) await typed.fill(PAYLOADS[0]!);
    await show.click();
    await assertInert(`study card ${i + 1}`);
    await page.getByRole('button', { name: /^Good/ }).click();
  }
  await assertInert('study summary');

  // Quiz: answer every question (first choice, or the payload typed) and see the results.
  await page.goto(`${baseUrl}/quiz/xss-check`);
  await page.getByRole('button', { name: 'Start quiz' }).click();
  for (let i = 0; i < 12; i++) {
    const score = page.getByRole('heading', { name: /^Score/ });
    const check = page.getByRole('button', { name: 'Check answer' });
    await score.or(check).or(page.getByRole('group')).first().waitFor();
    if (await score.isVisible()) break;
    const text = page.getByRole('textbox');
    if (await text.isVisible().catch(() => false)) await text.fill(PAYLOADS[1]!);
    else await page.keyboard.press('1');
    if (await check.isEnabled().catch(() => false)) await check.click();
    await assertInert(`quiz question ${i + 1}`);
    await page.getByRole('button', { name: /Next question|See results|Finish/ }).click();
  }
  await page.getByRole('heading', { name: /^Score/ }).waitFor();
  await assertInert('quiz results');

  // Editor and stats.
  await page.goto(`${baseUrl}/author/xss-check`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await assertInert('editor');
  await page.goto(`${baseUrl}/stats/xss-check`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Every section, key points included: wait until the cards are read.
  await page.getByRole('region', { name: 'Cards by state table' }).waitFor();
  await assertInert('stats');
}, 180_000);
