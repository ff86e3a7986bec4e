import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Runs axe-core on the page as it is now and expects no violation (WCAG 2.x A and AA, best practices),
 * outside the elements `exclude` selects.
 */
export async function expectNoAxeViolations(page: Page, { exclude = [] }: { exclude?: readonly string[] } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const selector of exclude) builder.exclude(selector);
  const { violations } = await builder.analyze();
  expect(violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}
