/**
 * Classes in a real browser against a sync server this test starts (and stops by process
 * group): a teacher signs in, asks for a class (made by the administrator's command that the
 * screen shows), publishes a deck and shares the invite link; three students open it, create
 * accounts and join, getting the deck in their library; their reviews reach their own databases
 * through the HTTP API with their credentials, in the documents' format (`src/sync/docs.ts`);
 * the dashboard's figures and its CSV equal what they did. A student's own browser session is
 * refused another's progress and the class's decks, by the server.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshContextEachTest } from './fixture';
import { startSyncServer, type SyncServer } from '../../scripts/sync/server';
import { couchRequest, createAccount, signIn } from '../../src/sync/couch';
import { reviewDoc } from '../../src/sync/docs';
import { userDbName } from '../../src/sync/names';
import type { Grade } from '../../src/srs/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const baseUrl = inject('baseUrl');
let browser: Browser;
let sync: SyncServer;
let dir: string;

freshContextEachTest(
  (_context, _page, b) => {
    browser = b;
  },
  { page: false },
);

beforeAll(async () => {
  sync = await startSyncServer({ origins: [new URL(baseUrl).origin] });
  await createAccount({ url: sync.url }, 'ms-lee', 'teach-pw');
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-classes-'));
}, 90_000);

afterAll(async () => {
  await sync?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DECK = {
  id: 'cell-basics',
  version: 1,
  title: 'Cell basics',
  keyPoints: [
    { id: 'membrane', text: 'A membrane decides what gets into a cell.' },
    { id: 'nucleus', text: 'The nucleus keeps the genes.' },
  ],
  cards: [
    { id: 'c1', type: 'basic', keyPoint: 'membrane', front: 'What decides what gets into a cell?', back: 'Its membrane' },
    { id: 'c2', type: 'basic', keyPoint: 'nucleus', front: 'Where are the genes kept?', back: 'In the nucleus' },
    { id: 'c3', type: 'basic', keyPoint: 'nucleus', front: 'What wraps the genes?', back: 'The nuclear envelope' },
  ],
};

async function newPage(options: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  const page = await context.newPage();
  await page.addLocatorHandler(page.getByText('Ready to work offline.'), async () => {
    await page.getByRole('button', { name: 'OK', exact: true }).click();
  });
  return page;
}

function run(command: string): Promise<string> {
  return new Promise((ok, fail) => {
    execFile('sh', ['-c', command], {
      cwd: ROOT,
      env: { ...process.env, SYNC_URL: sync.url, SYNC_ADMIN: sync.admin.name, SYNC_ADMIN_PASSWORD: sync.admin.password, SYNC_ORIGINS: new URL(baseUrl).origin },
    }, (err, stdout, stderr) => (err ? fail(new Error(`${command}: ${stdout}${stderr}`)) : ok(stdout)));
  });
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

test('a teacher publishes a deck to a class, three students join by invite and study, the dashboard shows what they did', async () => {
  // The teacher has a deck of their own.
  const teacher = await newPage({ acceptDownloads: true });
  const file = join(dir, 'cell-basics.json');
  writeFileSync(file, JSON.stringify(DECK));
  await teacher.goto(`${baseUrl}/import`);
  await teacher.getByLabel('Choose a file').setInputFiles(file);
  await teacher.getByRole('button', { name: 'Import this deck' }).click();
  await teacher.getByRole('heading', { name: 'Imported' }).waitFor();

  // Authoring area → Classes; sign in.
  await teacher.goto(`${baseUrl}/author`);
  await teacher.getByRole('link', { name: 'Classes' }).click();
  await teacher.getByRole('heading', { name: 'Classes', level: 1 }).waitFor();
  await teacher.getByLabel('Server').fill(sync.url);
  await teacher.getByLabel('Username').fill('ms-lee');
  await teacher.getByLabel('Password').fill('teach-pw');
  await teacher.getByRole('button', { name: 'Sign in', exact: true }).click();
  await teacher.getByText('Signed in as').waitFor();

  // The teacher is not a server admin: the screen gives the administrator's command; it is run.
  await teacher.getByLabel('Class id').fill('bio-7a');
  await teacher.getByLabel('Title').fill('Biology 7A');
  await teacher.getByRole('button', { name: 'Create or open' }).click();
  const command = await teacher.getByLabel("Command for the server's administrator").textContent();
  expect(command).toBe('npm run sync:setup -- --class bio-7a --teacher "ms-lee" --title "Biology 7A"');
  expect(await run(command!)).toContain('class bio-7a');
  await teacher.getByRole('button', { name: 'Create or open' }).click();
  await teacher.getByRole('heading', { name: 'Biology 7A', level: 1 }).waitFor();
  expect(new URL(teacher.url()).pathname).toBe('/classes/bio-7a');

  // Publish the deck; take the invite link.
  await teacher.getByRole('checkbox', { name: 'Cell basics' }).check();
  await teacher.getByRole('button', { name: 'Publish', exact: true }).click();
  await teacher.getByText(/^Published Cell basics\./).waitFor();
  await teacher.getByRole('list', { name: 'Published decks' }).getByText('Cell basics').waitFor();
  const link = await teacher.getByLabel('Invite link').inputValue();
  const code = await teacher.getByTestId('class-code').textContent();
  expect(link).toBe(`${baseUrl}/join/${code}?server=${encodeURIComponent(sync.url)}`);

  // Three students open the link, create accounts and join.
  const students = [
    { name: 'ann', shown: 'Ann' },
    { name: 'bo', shown: 'Bo B.' },
    { name: 'cy', shown: '=Cy' },
  ];
  const pages: Record<string, Page> = {};
  for (const s of students) {
    const page = await newPage();
    pages[s.name] = page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join a class' }).waitFor();
    expect(await page.getByLabel('Class code').inputValue()).toBe(code);
    expect(await page.getByLabel('Server').inputValue()).toBe(sync.url);
    await page.getByLabel('Display name').fill(s.shown);
    await page.getByLabel('Username').fill(s.name);
    await page.getByLabel('Password').fill(`pw-${s.name}`);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.getByText('You joined Biology 7A.').waitFor();
    await page.getByText('In your library, available offline: Cell basics.').waitFor();
  }
  // The deck is in the student's library.
  await pages.ann!.getByRole('link', { name: 'Go to your decks' }).click();
  await pages.ann!.getByRole('link', { name: 'Cell basics', exact: true }).waitFor();

  // They study: reviews in their own databases, with their own credentials.
  const now = Date.now();
  const did: Record<string, [string, Grade, number][]> = {
    ann: [['c1', 4, now - 2 * DAY], ['c2', 1, now - HOUR]],
    bo: [['c1', 1, now - 3 * HOUR], ['c1', 1, now - 2 * HOUR]],
    cy: [['c1', 4, now - DAY], ['c2', 4, now - DAY], ['c3', 4, now - DAY]],
  };
  for (const s of students) {
    const session = await signIn({ url: sync.url }, s.name, `pw-${s.name}`);
    const as = { url: sync.url, headers: { Cookie: session.cookie! } };
    for (const [card, grade, at] of did[s.name]!) {
      const doc = reviewDoc({ itemId: `cell-basics/${card}`, grade, mode: 'study', at, durationMs: 5000, reschedule: true });
      await couchRequest(as, 'PUT', `/${userDbName(s.name)}/${encodeURIComponent(doc._id)}`, doc);
    }
  }

  // The server refuses a student's browser session another's progress, and the invite a deck write.
  const refused = await pages.bo!.evaluate(
    async ({ server, annDb, code }) => {
      const read = await fetch(`${server}${annDb}/_all_docs`, { credentials: 'include' });
      const key = code.slice(code.lastIndexOf('-') + 1);
      const write = await fetch(`${server}class-bio-7a/deck%3Acell-basics`, {
        method: 'PUT',
        credentials: 'omit',
        headers: { Authorization: `Basic ${btoa(`class-bio-7a-invite:${key}`)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ _id: 'deck:cell-basics', type: 'deck', deck: {}, editedAt: 1, device: 'x' }),
      });
      return { read: read.status, write: write.status };
    },
    { server: sync.url, annDb: userDbName('ann'), code: code! },
  );
  expect([401, 403]).toContain(refused.read);
  expect(refused.write).toBe(403);

  // The dashboard.
  await teacher.getByRole('button', { name: 'Refresh' }).click();
  await teacher.getByTestId('dashboard-count').getByText(/^3 students sharing progress/).waitFor();
  const row = (name: string) => teacher.locator(`tr[data-student="${name}"]`);
  const cell = (name: string, col: string) => row(name).locator(`td[data-col="${col}"]`).textContent();
  const point = (name: string, kp: string) => row(name).locator(`td[data-point="cell-basics/${kp}"]`).textContent();
  const expected = {
    ann: { reviews: '2', due: '1', last: now - HOUR, membrane: 'solid', nucleus: 'shaky' },
    bo: { reviews: '2', due: '1', last: now - 2 * HOUR, membrane: 'shaky', nucleus: 'new' },
    cy: { reviews: '3', due: '0', last: now - DAY, membrane: 'solid', nucleus: 'solid' },
  };
  for (const [name, e] of Object.entries(expected)) {
    expect(await row(name).locator('th').textContent()).toBe(students.find((s) => s.name === name)!.shown);
    expect(await cell(name, 'reviews7d')).toBe(e.reviews);
    expect(await cell(name, 'due')).toBe(e.due);
    expect(await cell(name, 'last')).toBe(await teacher.evaluate((at) => new Date(at).toLocaleString(), e.last));
    expect(await point(name, 'membrane')).toBe(e.membrane);
    expect(await point(name, 'nucleus')).toBe(e.nucleus);
  }
  const failed = await teacher.getByRole('table', { name: 'Cards the class fails most' }).locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent)),
  );
  expect(failed).toEqual([
    ['What decides what gets into a cell?', 'Cell basics', '2', '4', '1'],
    ['Where are the genes kept?', 'Cell basics', '1', '2', '1'],
  ]);
  const share = (kp: string) => teacher.locator(`tr[data-point="cell-basics/${kp}"] td[data-col="share"]`).textContent();
  expect(await share('membrane')).toBe('2 of 3 (67 %)');
  expect(await share('nucleus')).toBe('1 of 3 (33 %)');

  // The CSV says the same, with the formula-like display name defused.
  const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('bio-7a-dashboard.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    '"Row","Student","Username","Reviews (7 days)","Due now","Last studied","Key point: A membrane decides what gets into a cell.","Key point: The nucleus keeps the genes."',
  );
  expect(lines).toContain(`"student","Ann","ann","2","1","${new Date(now - HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z')}","solid","shaky"`);
  expect(lines).toContain(`"student","'=Cy","cy","3","0","${new Date(now - DAY).toISOString().replace(/\.\d{3}Z$/, 'Z')}","solid","solid"`);
  expect(lines).toContain('"card","Cell basics","c1","What decides what gets into a cell?","2","4","1",""');
  expect(lines).toContain('"key point","Cell basics","membrane","A membrane decides what gets into a cell.","2","3","0.667",""');

  // On a 320 px wide screen, in dark mode, nothing makes the page scroll sideways (tables scroll in their own region).
  for (const page of [teacher, pages.cy!]) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 320, height: 700 });
  }
  await pages.cy!.goto(link);
  await pages.cy!.getByRole('heading', { name: 'Join a class' }).waitFor();
  for (const page of [teacher, pages.cy!]) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }
  await teacher.getByRole('region', { name: 'Students', exact: true }).focus();
  expect(await teacher.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
}, 110_000);
