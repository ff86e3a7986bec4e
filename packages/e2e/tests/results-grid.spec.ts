import { limits } from '../../../amplify/data/limits';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../src/axe';
import { addTeacher, uniqueEmail } from '../src/control';
import { addResult, createExam, firstSignIn, resultRow, resultsGrid } from '../src/teacher-pages';

const password = 'Chosen-Password-42';

async function openNewExam(page: Page, who: string, subject: string): Promise<void> {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail(who), 'Grid Teacher');
  await firstSignIn(page, email, temporaryPassword, password);
  await createExam(page, subject, '2026-06-20');
}

const gradeCell = (page: Page, student: string, grade: string) => resultRow(page, student, grade).getByRole('gridcell', { name: grade, exact: true });
const studentsInOrder = (page: Page) => resultsGrid(page).getByRole('rowheader');

test('the results grid is edited with the keyboard alone: type over a grade, Enter saves and moves down, Escape cancels, arrows move, Undo restores in place', async ({ page }) => {
  await openNewExam(page, 'grid-keys', 'Grid by keyboard');
  for (const [student, grade] of [
    ['Ada Lovelace', 'A-'],
    ['Alan Turing', 'B'],
    ['Grace Hopper', 'C+'],
  ] as const) {
    await addResult(page, student, grade);
  }

  // a grid with column headers, each result's row headed by its student; the new result's inputs are named by the columns
  const grid = resultsGrid(page);
  await expect(grid.getByRole('columnheader')).toHaveText(['Student', 'Grade', 'Full name (only you)', 'Actions']);
  await expect(grid.getByRole('rowheader')).toHaveText(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  const entry = grid.getByRole('row').last().getByRole('textbox');
  for (const [index, name] of ['Student', 'Grade', 'Full name (only you)'].entries()) await expect(entry.nth(index)).toHaveAccessibleName(name);

  // a refused entry says why until what it was about is changed, or Escape
  const newStudent = page.getByRole('textbox', { name: 'Student', exact: true });
  const newGrade = page.getByRole('textbox', { name: 'Grade', exact: true });
  const refusal = page.getByRole('alert').filter({ hasText: 'Ada Lovelace already has a result in this exam.' });
  await newStudent.fill('Ada Lovelace');
  await newGrade.fill('B');
  await newGrade.press('Enter');
  await expect(refusal).toBeVisible();
  await expect(newStudent).toBeFocused();
  await newStudent.press('Escape');
  await expect(refusal).toHaveCount(0);
  await newStudent.press('Enter');
  await expect(refusal).toBeVisible();
  await newGrade.fill('C');
  await expect(refusal, 'not about the grade').toBeVisible();
  await newStudent.fill('Ada King');
  await expect(refusal).toHaveCount(0);
  await newGrade.fill('');
  await newStudent.fill('');

  // from the new result's row, Shift+Tab reaches the grid's one tab stop: the first grade
  await page.keyboard.press('Shift+Tab');
  await expect(gradeCell(page, 'Ada Lovelace', 'A-')).toBeFocused();
  await expectNoAxeViolations(page);

  // typing replaces the grade, never the name; Enter saves and moves down
  await page.keyboard.type('A+');
  await expect(page.getByRole('textbox', { name: 'Grade for Ada Lovelace' })).toHaveValue('A+');
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Ada Lovelace', 'A\\+')).toBeVisible();
  await expect(gradeCell(page, 'Alan Turing', 'B')).toBeFocused();
  await expect(page.locator('.undo-bar')).toContainText('Changed Ada Lovelace (A-) to Ada Lovelace (A+).');

  // Escape cancels
  await page.keyboard.type('F');
  await expect(page.getByRole('textbox', { name: 'Grade for Alan Turing' })).toHaveValue('F');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Grade for Alan Turing' })).toHaveCount(0);
  await expect(gradeCell(page, 'Alan Turing', 'B')).toBeFocused();

  // arrows move between cells; Enter on a cell edits what is there
  await page.keyboard.press('ArrowLeft');
  await expect(resultRow(page, 'Alan Turing', 'B').getByRole('rowheader')).toBeFocused();
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Name students see for Alan Turing' })).toHaveValue('Alan Turing');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await expect(resultRow(page, 'Grace Hopper', 'C\\+').getByRole('rowheader')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const fullName = page.getByRole('textbox', { name: 'Full name for Grace Hopper' });
  await expect(fullName).toBeFocused();
  await page.keyboard.type('Grace Brewster Murray Hopper');
  // Enter on the last result moves down into the row for a new one
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Full name (only you)' })).toBeFocused();
  await expect(resultRow(page, 'Grace Hopper', 'C\\+')).toContainText('Grace Brewster Murray Hopper');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(gradeCell(page, 'Alan Turing', 'B')).toBeFocused();

  // Undo of an edit (Ctrl+Z in the grid), saved: it is still undone after a reload
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('D');
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Ada Lovelace', 'D')).toBeVisible();
  // Enter moved down once the grid put the cell back (a frame later): the keys go on from there, as a teacher's would.
  await expect(gradeCell(page, 'Alan Turing', 'B')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(resultRow(page, 'Ada Lovelace', 'A\\+')).toBeVisible();
  await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);

  // Delete from the keyboard: End reaches the row's button; Undo brings the row back where it was
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: 'Delete Alan Turing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(studentsInOrder(page)).toHaveText(['Ada Lovelace', 'Grace Hopper']);
  await expect(page.getByRole('button', { name: 'Delete Grace Hopper' })).toBeFocused();
  await expect(page.locator('.undo-bar')).toContainText('Deleted Alan Turing (B).');
  await page.keyboard.press('Control+z');
  await expect(studentsInOrder(page)).toHaveText(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);

  // the same with the Undo button, after a delete with the mouse
  await page.getByRole('button', { name: 'Delete Ada Lovelace' }).click();
  await expect(studentsInOrder(page)).toHaveText(['Alan Turing', 'Grace Hopper']);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(studentsInOrder(page)).toHaveText(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);

  await page.reload();
  await expect(studentsInOrder(page)).toHaveText(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  await expect(resultRow(page, 'Ada Lovelace', 'A\\+')).toBeVisible();
  await expect(resultRow(page, 'Alan Turing', 'B')).toBeVisible();
  await expect(resultRow(page, 'Grace Hopper', 'C\\+')).toContainText('Grace Brewster Murray Hopper');
});

/**
 * The words of the grid's cells that are split over two lines, and the grades that take more
 * than one line, measured in the page: each word's boxes (Range.getClientRects) must share one
 * line. A line may end after a hyphen, as in print: "Featherstonehaugh-" then "Cholmondeley".
 */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]');
    if (!grid) return ['no grid'];
    const onOneLine = (range: Range) => {
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const tops = rects.map((rect) => rect.top);
      const height = Math.min(...rects.map((rect) => rect.height));
      return rects.length > 0 && Math.max(...tops) - Math.min(...tops) < height / 2;
    };
    const broken: string[] = [];
    for (const cell of grid.querySelectorAll('th, td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const word of text.matchAll(/[^\s-]+-?|-/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (!onOneLine(range)) broken.push(`word "${word[0]}" in "${cell.textContent}"`);
        }
      }
    }
    for (const grade of grid.querySelectorAll('.grade-value')) {
      const range = document.createRange();
      range.selectNodeContents(grade);
      if (!onOneLine(range)) broken.push(`grade "${grade.textContent}"`);
    }
    return broken;
  });
}

/** Exactly `length` characters of words, as a long real name is. */
const words = (length: number, seed: string) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length).trimEnd().padEnd(length, 'x');

for (const width of [320, 375, 1280]) {
  test(`at ${width} px no word in the grid is broken inside, grades keep to one line, and the panels sit ${width > 1000 ? 'beside' : 'under'} it`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openNewExam(page, `grid-${width}`, 'Words whole');
    const longest = {
      student: words(limits.student, 'Maximiliana Wolfeschlegel '),
      grade: words(limits.grade, 'Distinction merit '),
      fullName: words(limits.fullName, 'Bartholomew Featherstonehaugh-Cholmondeley '),
    };
    expect([longest.student.length, longest.grade.length, longest.fullName.length]).toEqual([limits.student, limits.grade, limits.fullName]);
    await addResult(page, 'Ada Lovelace', 'B+');
    await addResult(page, 'Alan Turing', '17/20');
    await page.getByRole('textbox', { name: 'Student', exact: true }).fill(longest.student);
    await page.getByRole('textbox', { name: 'Grade', exact: true }).fill(longest.grade);
    await page.getByRole('textbox', { name: 'Full name (only you)' }).fill(longest.fullName);
    await page.keyboard.press('Enter');
    await expect(resultsGrid(page).getByRole('rowheader', { name: longest.student })).toBeVisible();
    await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);

    expect(await brokenWords(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    const grid = await resultsGrid(page).boundingBox();
    const statistics = await page.getByRole('region', { name: 'Statistics' }).boundingBox();
    if (!grid || !statistics) throw new Error('the grid or the statistics are not shown');
    if (width > 1000) expect(statistics.x).toBeGreaterThanOrEqual(grid.x + grid.width);
    else expect(statistics.y).toBeGreaterThanOrEqual(grid.y + grid.height);
  });
}

test('limits show near them, and a paste over a limit is refused with a sentence, not cut', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openNewExam(page, 'grid-limits', 'Limits in sight');
  const student = page.getByRole('textbox', { name: 'Student', exact: true });
  const paste = async (text: string) => {
    await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await page.keyboard.press('ControlOrMeta+V');
  };

  // a paste that fits goes in as it is
  await student.focus();
  await paste('Ada Lovelace');
  await expect(student).toHaveValue('Ada Lovelace');

  await student.fill('');
  await paste('x'.repeat(10_000));
  await expect(student).toHaveValue('');
  await expect(page.getByRole('alert').filter({ hasText: 'Not pasted' })).toHaveText(`Not pasted: the name students see is at most ${limits.student} characters, and this would make it 10,000.`);
  await expect(student).toHaveAccessibleDescription(/Not pasted/);
  await expectNoAxeViolations(page);

  // what is left shows near the limit; typing stops at it, and says so
  await student.fill('');
  await page.keyboard.type('a'.repeat(limits.student - 10));
  await expect(page.getByText('10 characters left.')).toBeVisible();
  await page.keyboard.type('b'.repeat(12));
  await expect(student).toHaveValue(`${'a'.repeat(limits.student - 10)}${'b'.repeat(10)}`);
  await expect(page.getByText(`No characters left: the name students see is at most ${limits.student}.`)).toBeVisible();

  // a grade edited in place: pasting over the selected grade is measured without it
  await student.fill('Ada');
  await page.getByRole('textbox', { name: 'Grade', exact: true }).fill('A');
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Ada', 'A')).toBeVisible();
  await gradeCell(page, 'Ada', 'A').click();
  const grade = page.getByRole('textbox', { name: 'Grade for Ada' });
  await expect(grade).toBeFocused();
  await paste('9'.repeat(limits.grade + 1));
  await expect(grade).toHaveValue('A');
  await expect(page.getByRole('alert').filter({ hasText: 'Not pasted' })).toHaveText(`Not pasted: a grade is at most ${limits.grade} characters, and this would make it ${limits.grade + 1}.`);
  await paste('B+');
  await expect(grade).toHaveValue('B+');
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Ada', 'B\\+')).toBeVisible();
  await expectNoAxeViolations(page);
});
