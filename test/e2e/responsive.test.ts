/**
 * The main journeys on two phone sizes (320 × 640 and 390 × 844), by touch: home, a deck page and
 * its card filters, a study session, a quiz to its results, stats, authoring, import and settings.
 * Fails on any horizontal overflow of the document, on any control covered by another element at
 * the moment it is to be tapped, and on any console error or uncaught exception.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../browser/browser';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
});

/** Fails if the document is wider than the window, naming the elements that stick out. */
async function noOverflow(where: string) {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const out = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length > 0)
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right ${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, out };
  });
  expect(wide, `horizontal overflow on ${where}`).toBeNull();
}

/**
 * Taps a control as a thumb would: scrolled into view, then the element at its centre must be the
 * control itself (or inside it), never another element over it.
 */
async function tap(control: Locator, where: string) {
  await control.scrollIntoViewIfNeeded();
  const covering = await control.evaluate((el) => {
    // A link that wraps is several boxes: its first one is where a thumb lands.
    const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || el === hit || el.contains(hit)) return null;
    return `<${hit.tagName.toLowerCase()} class="${hit.className}">${(hit.textContent ?? '').slice(0, 40)}`;
  });
  expect(covering, `a control on ${where} is covered`).toBeNull();
  await control.click();
}

const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
];

describe.each(VIEWPORTS)('at $width × $height', (viewport) => {
  beforeEach(async () => {
    context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    page = await context.newPage();
    problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  });

  test('home, a deck page and its card filters, then a study session', async () => {
    await page.goto(baseUrl);
    await page.getByRole('list', { name: 'Decks' }).waitFor();
    await noOverflow('home');
    await tap(page.getByRole('link', { name: /briefing/i }).first(), 'home');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Cards' }).waitFor();
    await noOverflow('the deck page');
    const filters = page.getByRole('region', { name: 'Cards' });
    await tap(filters.getByRole('searchbox', { name: 'Search cards' }), 'the deck page');
    for (const name of ['Type', 'Key point', 'State']) {
      await tap(filters.getByRole('combobox', { name }), 'the deck page');
      await page.keyboard.press('Escape');
    }
    await noOverflow('the deck page, filters used');

    await tap(page.getByRole('link', { name: /^Study/ }).first(), 'the deck page');
    // The card gets the screen: it starts in the top fifth, and the grade bar ends on screen.
    await page.getByRole('button', { name: /^Show answer/ }).waitFor();
    const card = await page.locator('.study-card').boundingBox();
    expect(card!.y, 'space above the study card').toBeLessThan(viewport.height / 5);
    await tap(page.getByRole('link', { name: 'Your decks' }), 'the study screen');
    await page.getByRole('list', { name: 'Decks' }).waitFor();
    await page.goBack();
    for (let i = 0; i < 3; i++) {
      await tap(page.getByRole('button', { name: /^Show answer/ }), 'the study screen');
      await noOverflow('the study screen, answer shown');
      // At the usual text size the four grades sit in one row under the thumb.
      const rows = await page.locator('.grade').evaluateAll((grades) => new Set(grades.map((g) => Math.round(g.getBoundingClientRect().top))).size);
      expect(rows, 'rows of grade buttons').toBe(1);
      const good = page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good\b/ });
      await tap(good, 'the study screen');
      await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator(`[aria-valuenow="${i + 1}"]`)).waitFor();
    }
    await tap(page.getByRole('button', { name: /^Undo/ }), 'the study screen');
    await page.getByText('Last grade undone.').waitFor();
    await noOverflow('the study screen');
    // At the largest text size the grade buttons still fit their names and intervals.
    await page.getByRole('button', { name: /^Show answer/ }).click();
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    const cramped = await page.locator('.grade').evaluateAll((grades) =>
      grades.filter((g) => g.scrollWidth > g.clientWidth + 1 || g.scrollHeight > g.clientHeight + 1).map((g) => g.textContent),
    );
    expect(cramped, 'grade buttons at 200 % text').toEqual([]);
    await noOverflow('the study screen at 200 % text');
    expect(problems).toEqual([]);
  });

  test('the tab bar: where the thumb is, never over the page, gone while studying', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    /** The bar sits on the bottom edge, every tab a whole ≥ 44 px target with its label uncut. */
    const inThumbZone = async (where: string) => {
      const tabs = await nav.getByRole('link').evaluateAll((links) =>
        links.map((a) => {
          const r = a.getBoundingClientRect();
          return { name: a.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, cut: a.scrollWidth > a.clientWidth };
        }),
      );
      expect(tabs.map((t) => t.name), where).toEqual(['Decks', 'Study', 'Quiz', 'Stats', 'Author']);
      for (const t of tabs) {
        expect(t.bottom - t.top, `${t.name} tab height on ${where}`).toBeGreaterThanOrEqual(44);
        expect(t.right - t.left, `${t.name} tab width on ${where}`).toBeGreaterThanOrEqual(44);
        expect(t.cut, `${t.name} tab label cut off on ${where}`).toBe(false);
        expect(t.left, where).toBeGreaterThanOrEqual(0);
        expect(t.right, where).toBeLessThanOrEqual(viewport.width + 0.5);
      }
      const bar = (await nav.boundingBox())!;
      expect(bar.y + bar.height, `the tab bar's bottom on ${where}`).toBeCloseTo(viewport.height, 0);
      // Scrolled to the end, the page's last content ends above the bar.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const lastBottom = await page
        .locator('main')
        .evaluate((main) => main.getBoundingClientRect().bottom - parseFloat(getComputedStyle(main).paddingBottom));
      expect(lastBottom, `the end of ${where} is under the tab bar`).toBeLessThanOrEqual(bar.y + 0.5);
    };
    await page.goto(baseUrl);
    await page.getByRole('list', { name: 'Decks' }).waitFor();
    await inThumbZone('home');
    expect(await nav.getByRole('link', { name: 'Decks' }).getAttribute('aria-current')).toBe('page');
    await noOverflow('home with the tab bar');
    // Keyboard: Tab reaches the bar, Enter follows a tab.
    let inNav = false;
    for (let i = 0; i < 12 && !inNav; i++) {
      await page.keyboard.press('Tab');
      inNav = await nav.evaluate((n) => n.contains(document.activeElement));
    }
    expect(inNav, 'Tab reaches the tab bar').toBe(true);
    for (const [tab, ready] of [
      ['Stats', page.getByRole('heading', { level: 1, name: 'Stats' })],
      ['Author', page.getByRole('heading', { level: 1 })],
      ['Quiz', page.getByRole('button', { name: 'Start quiz' })],
    ] as const) {
      await tap(nav.getByRole('link', { name: tab }), `the tab bar (${tab})`);
      await ready.waitFor();
      await nav.getByRole('link', { name: tab, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
      await noOverflow(tab);
      await inThumbZone(tab);
    }
    // A study session gets the whole screen: no tab bar over or under the grade buttons.
    await tap(nav.getByRole('link', { name: 'Study' }), 'the tab bar (Study)');
    await page.getByRole('button', { name: /^Show answer/ }).waitFor();
    expect(await nav.isVisible(), 'the tab bar during study').toBe(false);
    await tap(page.getByRole('button', { name: /^Show answer/ }), 'the study screen');
    await tap(page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good\b/ }), 'the study screen');
    await tap(page.getByRole('link', { name: 'Your decks' }), 'the study screen');
    await page.getByRole('list', { name: 'Decks' }).waitFor();
    expect(await nav.isVisible(), 'the tab bar back on home').toBe(true);
    expect(problems).toEqual([]);
  });

  test("the answer rises and a grade gives under the thumb; reduced motion (system or the app's setting) stills both", async () => {
    const seconds = (selector: string, what: 'animationDuration' | 'transitionDuration') =>
      page.locator(selector).first().evaluate((e, w) => parseFloat(getComputedStyle(e)[w]), what);
    await page.goto(`${baseUrl}/study/article-brief`);
    await tap(page.getByRole('button', { name: /^Show answer/ }), 'the study screen');
    expect(await seconds('.card-back', 'animationDuration')).toBeGreaterThan(0.1);
    expect(await seconds('.grade', 'transitionDuration')).toBeGreaterThan(0.05);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await seconds('.card-back', 'animationDuration')).toBeLessThan(0.001);
    expect(await seconds('.grade', 'transitionDuration')).toBeLessThan(0.001);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await seconds('.card-back', 'animationDuration')).toBeGreaterThan(0.1);
    await page.evaluate(() => (document.documentElement.dataset.reduceMotion = 'true'));
    expect(await seconds('.card-back', 'animationDuration')).toBeLessThan(0.001);
    expect(await seconds('.grade', 'transitionDuration')).toBeLessThan(0.001);
    expect(problems).toEqual([]);
  });

  test('a quiz to its results', async () => {
    await page.goto(`${baseUrl}/quiz/article-brief?seed=phone`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await tap(page.getByRole('button', { name: 'Start quiz' }), 'the quiz setup');
    // A running quiz has the screen to itself: no tab bar over its answers.
    await page.getByRole('heading', { name: /^Question 1 of \d+$/ }).waitFor();
    expect(await nav.isVisible(), 'the tab bar during a quiz').toBe(false);
    for (let n = 1; ; n++) {
      const heading = page.getByRole('heading', { name: /^Question \d+ of \d+$/ });
      const score = page.getByRole('heading', { level: 1, name: /^Score / });
      await heading.or(score).first().waitFor();
      if (await score.isVisible()) break;
      const field = page.getByRole('textbox', { name: 'Your answer' });
      if (await field.isVisible()) {
        await field.fill('no idea at all');
        await tap(page.getByRole('button', { name: 'Check answer' }), 'a typed question');
      } else {
        const choices = page.locator('.quiz-choices .quiz-choice');
        await tap(choices.first(), 'a choice question');
        const check = page.getByRole('button', { name: 'Check answer' });
        if (await check.isVisible()) await tap(check, 'a choice question');
      }
      await page.getByText(/^(Right!|Right — mind the spelling\.|Not quite\.)$/).waitFor();
      await noOverflow(`quiz feedback ${n}`);
      // A verdict label sits under its answer, never beside it squeezing the words.
      const beside = await page.locator('.quiz-mark').evaluateAll((marks) =>
        marks.filter((m) => m.getBoundingClientRect().top < m.parentElement!.querySelector('.quiz-choice-text')!.getBoundingClientRect().bottom - 1).length,
      );
      expect(beside, `quiz feedback ${n}: a verdict label beside its answer`).toBe(0);
      await tap(page.getByRole('button', { name: /^(Next question|See results)/ }), 'quiz feedback');
    }
    await noOverflow('quiz results');
    expect(await nav.isVisible(), 'the tab bar with the results').toBe(true);
    expect(problems).toEqual([]);
  });

  test('stats, authoring, import and settings', async () => {
    await page.goto(`${baseUrl}/study/article-brief`);
    await tap(page.getByRole('button', { name: /^Show answer/ }), 'the study screen');
    await tap(page.getByRole('group', { name: 'Grade your answer' }).getByRole('button', { name: /^Good\b/ }), 'the study screen');
    await page.getByRole('progressbar', { name: 'Session progress' }).and(page.locator('[aria-valuenow="1"]')).waitFor();
    for (const [path, ready] of [
      ['/stats', 'Cards by state'],
      ['/author', 'New deck'],
      ['/author/draft', 'Draft a deck'],
      ['/import', 'Add a deck'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('main').getByText(ready).first().waitFor();
      await noOverflow(path);
      // A table cut off by the screen shows that it scrolls (a shadow on the side with more).
      const hidden = await page.locator('.table-scroll').evaluateAll((boxes) =>
        boxes.filter((b) => b.scrollWidth > b.clientWidth && !getComputedStyle(b).backgroundImage.includes('radial-gradient')).length,
      );
      expect(hidden, `a table on ${path} is cut off with no hint`).toBe(0);
      for (const control of await page.locator('main button:visible, main select:visible, main input:not([type=hidden]):not([type=file]):visible, main label.file-label').all()) {
        await control.scrollIntoViewIfNeeded();
        const covering = await control.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          // A label is part of its own control (a styled file picker hides its input inside one).
          if (!hit || el === hit || el.contains(hit) || (hit.tagName === 'LABEL' && hit.contains(el))) return null;
          return `<${hit.tagName.toLowerCase()} class="${hit.className}">`;
        });
        expect(covering, `a control on ${path} is covered`).toBeNull();
      }
    }
    expect(problems).toEqual([]);
  });
});
