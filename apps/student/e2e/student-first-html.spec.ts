import { expect, test, type Page } from '@playwright/test';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { studentUrl } from '../../../packages/e2e/src/environment';
import { connectionState, examCard, studentRow } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;

test.beforeAll(async () => {
  teacher = await newApiTeacher('first-html', 'Ms Server');
});

test.afterAll(async () => {
  await teacher.signOut();
});

/**
 * Later than any other test's exam. Without JavaScript the list is its first page alone (20 exams,
 * newest first) and every test's exams are on it: an exam the no-script list must show is dated so.
 */
const newestDate = '2027-12-31';

async function examWithResults(subject: string, results: readonly (readonly [string, string])[], date = '2026-07-01') {
  const exam = written(await teacher.client.models.Exam.create({ subject, date, teacher: 'Ms Server' }));
  const rows = [];
  for (const [student, grade] of results) rows.push(written(await teacher.client.models.Result.create({ examId: exam.id, student, grade })));
  return { exam, rows };
}

/** When the first paint happened, in ms after navigation start: the rows are in the HTML, so they are on it. */
const firstPaint = (page: Page) => page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);

/**
 * Waits until the server's HTML of `path` has every text. Its reads are shared for up to 5 s
 * (server-reads.ts), and another test's list page may have prefetched this exam between two of
 * the writes, so the first HTML after the writes can be a few seconds behind, by design.
 */
async function serverHtmlHas(page: Page, path: string, texts: readonly string[]): Promise<void> {
  await expect(async () => {
    const html = await (await page.request.get(`${studentUrl}${path}`)).text();
    for (const text of texts) expect(html).toContain(text);
  }).toPass({ timeout: 20_000 });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('without JavaScript, the exam page shows its results and the grade chart, says it does not update, and the list shows the exam', async ({ browser }) => {
  const { exam } = await examWithResults('Server geology', [['Ada', '17/20'], ['Bob', '12/20']], newestDate);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await serverHtmlHas(page, `/exams/${exam.id}`, ['Ada', '17/20', 'Bob', '12/20']);

  await page.goto(`${studentUrl}/exams/${exam.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Server geology' })).toBeVisible();
  await expect(studentRow(page, 'Ada', '17/20')).toBeVisible();
  await expect(studentRow(page, 'Bob', '12/20')).toBeVisible();
  const chart = page.getByRole('img', { name: 'Grade distribution for Server geology' });
  await expect(chart).toHaveAccessibleDescription(/^2 results\./);
  expect((await chart.boundingBox())?.width).toBeGreaterThan(200);
  await expect(page).toHaveTitle('Server geology · Exam results');
  console.log(`first paint with the result rows, no JavaScript: ${(await firstPaint(page)).toFixed(0)} ms`);

  await expect(page.getByText('Without JavaScript it does not update by itself')).toBeVisible();
  await expectNoScriptOnlyParts(page);
  await expect(page.getByRole('columnheader', { name: 'Student' })).toBeVisible();

  // Each request reads (server-reads.ts): the exam just created is in the very first list.
  await page.goto(studentUrl);
  await expect(page.getByRole('link', { name: /Server geology/ })).toContainText('Results as they are entered');
  await expect(page.getByText('Without JavaScript it does not update by itself')).toBeVisible();
  await expectNoScriptOnlyParts(page);
});

/** Nothing that needs the page's scripts is on it: the live state, search, filters, sorting, loading more. */
async function expectNoScriptOnlyParts(page: Page): Promise<void> {
  await expect(connectionState(page)).toBeHidden();
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('button')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('updates by itself', { useInnerText: true, ignoreCase: true });
  await expect(page.locator('main')).not.toContainText('by themselves', { useInnerText: true, ignoreCase: true });
}

test('without JavaScript, neither an exam whose results are held nor one with none yet says that the page updates by itself; with JavaScript, both do', async ({ browser }) => {
  const held = written(await teacher.client.models.Exam.create({ subject: 'Held harmony', date: newestDate, teacher: 'Ms Server', release: 'held' }));
  const empty = written(await teacher.client.models.Exam.create({ subject: 'Empty etymology', date: '2026-07-01', teacher: 'Ms Server' }));
  // More exams than the list's first page, so that it offers older ones: dated long ago, they push no other test's exam off it.
  await Promise.all(Array.from({ length: 21 }, (_, n) => teacher.client.models.Exam.create({ subject: `Old oceanography ${n}`, date: '2001-01-01', teacher: 'Ms Server' })));
  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const scripted = await (await browser.newContext()).newPage();

  await noScript.goto(`${studentUrl}/exams/${held.id}`);
  await expect(noScript.getByRole('heading', { level: 2, name: 'Results not released yet' })).toBeVisible();
  await expectNoScriptOnlyParts(noScript);
  await scripted.goto(`${studentUrl}/exams/${held.id}`);
  await expect(connectionState(scripted)).toHaveText('Live');
  await expect(scripted.locator('.release-notice')).toContainText('they appear on this page by themselves', { useInnerText: true });

  await noScript.goto(`${studentUrl}/exams/${empty.id}`);
  await expect(noScript.locator('main')).toContainText('No results yet', { useInnerText: true });
  await expectNoScriptOnlyParts(noScript);
  await scripted.goto(`${studentUrl}/exams/${empty.id}`);
  await expect(connectionState(scripted)).toHaveText('Live');
  await expect(scripted.getByText('No results yet — this page updates by itself.')).toBeVisible();

  await noScript.goto(studentUrl);
  await expect(noScript.getByRole('link', { name: /Held harmony/ })).toContainText('Results not released yet');
  await expectNoScriptOnlyParts(noScript);
  await scripted.goto(studentUrl);
  await expect(connectionState(scripted)).toHaveText('Live');
  await expect(scripted.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  await expect(scripted.getByRole('combobox', { name: 'Subject' })).toBeVisible();
  await expect(scripted.getByRole('button', { name: 'Show older exams' })).toBeVisible();
  await expect(scripted.getByText('Without JavaScript it does not update by itself')).toHaveCount(0);
});

test('the browser takes over from the server’s HTML with no flash and nothing missed that was written before it subscribed', async ({ page }) => {
  const { exam, rows } = await examWithResults('Handover history', [['Ada', '10/20'], ['Leo', '9/20']]);
  const [ada, leo] = rows;
  if (!ada || !leo) throw new Error('the results were not written');

  await serverHtmlHas(page, `/exams/${exam.id}`, ['Ada', '10/20', 'Leo', '9/20']);

  // The page's JavaScript is held back until the test has written more, after the server's read.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${studentUrl}/exams/${exam.id}`, { waitUntil: 'domcontentloaded' });
  await expect(studentRow(page, 'Ada', '10/20')).toBeVisible();
  await expect(studentRow(page, 'Leo', '9/20')).toBeVisible();
  console.log(`first paint with the result rows, JavaScript held back: ${(await firstPaint(page)).toFixed(0)} ms`);

  // From now on, record whether the results table ever goes away or a skeleton shows.
  await page.evaluate(() => {
    const flashes: string[] = [];
    Object.assign(window, { flashes });
    new MutationObserver(() => {
      if (document.querySelector('[aria-busy="true"]')) flashes.push('skeleton');
      if (!document.querySelector('table.results tbody tr')) flashes.push('no rows');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });

  written(await teacher.client.models.Result.update({ id: ada.id, grade: '12/20' }));
  written(await teacher.client.models.Result.create({ examId: exam.id, student: 'Bob', grade: '14/20' }));
  written(await teacher.client.models.Result.delete({ id: leo.id }));
  release();

  await expect(connectionState(page)).toHaveText('Live');
  await expect(studentRow(page, 'Ada', '12/20')).toBeVisible();
  await expect(studentRow(page, 'Bob', '14/20')).toBeVisible();
  await expect(studentRow(page, 'Leo')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Results (2)' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { flashes: string[] }).flashes)).toEqual([]);
});

test('a browser gets one guest identity and one set of credentials: first visit, opening an exam, going back, reloading', async ({ browser }) => {
  const { exam } = await examWithResults('Identity chemistry', [['Ada', 'A']]);
  const context = await browser.newContext();
  const calls: string[] = [];
  context.on('request', (request) => {
    const target = request.headers()['x-amz-target'];
    if (target?.startsWith('AWSCognitoIdentityService.')) calls.push(target.slice('AWSCognitoIdentityService.'.length));
  });
  const page = await context.newPage();

  await page.goto(studentUrl);
  await expect(connectionState(page)).toHaveText('Live');
  await (await examCard(page, /Identity chemistry/)).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Identity chemistry' })).toBeVisible();
  await expect(connectionState(page)).toHaveText('Live');
  await expect(studentRow(page, 'Ada', 'A')).toBeVisible();
  await page.getByRole('link', { name: '← All exams' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exam results' })).toBeVisible();
  await expect(connectionState(page)).toHaveText('Live');
  await page.goto(`${studentUrl}/exams/${exam.id}`);
  await page.reload();
  await expect(connectionState(page)).toHaveText('Live');

  expect(calls.sort()).toEqual(['GetCredentialsForIdentity', 'GetId']);
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
]) {
  test(`the longest subject, teacher, student and grade wrap or truncate, with no sideways scroll at ${viewport.width} px`, async ({ browser }) => {
    const word = (length: number, letter: string) => letter.repeat(length);
    const subject = word(120, viewport.width > 600 ? 'D' : 'P');
    const exam = written(await teacher.client.models.Exam.create({ subject, date: '2026-07-02', teacher: word(100, 'T') }));
    written(await teacher.client.models.Result.create({ examId: exam.id, student: word(60, 'W'), grade: word(20, 'G') }));
    const page = await (await browser.newContext({ viewport })).newPage();

    await page.goto(`${studentUrl}/exams/${exam.id}`);
    await expect(connectionState(page)).toHaveText('Live');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    await expectNoSidewaysScroll(page);

    await page.goto(studentUrl);
    await expect(connectionState(page)).toHaveText('Live');
    const card = await examCard(page, new RegExp(subject));
    await expect(card).toContainText('Results as they are entered');
    // Other tests' exams may sort above this one: bring the card up, then its status must not be pushed out sideways.
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByText('Results as they are entered')).toBeInViewport();
    await expectNoSidewaysScroll(page);
  });
}
