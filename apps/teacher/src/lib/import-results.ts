import { plural } from '@exam-results/web-shell';
import { runBatch, type BatchOutcome, type BatchProgress } from './batch';
import type { ImportLine } from './csv-import';
import { DataError } from './data-errors';
import type { ResultsEditor } from './results-editor';

export type ImportOutcome = BatchOutcome<ImportLine>;

/**
 * Writes the rows of a preview through the editor (so each shows at once and rolls back if
 * refused), a few at a time, and tells which rows did not land and why.
 */
export function importResults(
  lines: readonly ImportLine[],
  editor: Pick<ResultsEditor, 'add'>,
  options: { concurrency?: number; onProgress?: (progress: BatchProgress) => void } = {},
): Promise<ImportOutcome> {
  return runBatch(
    lines,
    async ({ student, grade, fullName }) => {
      const failure = await editor.add({ student, grade, fullName }, { notify: false });
      if (failure) throw new DataError(failure);
    },
    options,
  );
}

export function summarizeImport({ succeeded, failed }: ImportOutcome): string {
  const total = succeeded.length + failed.length;
  const results = (count: number) => plural(count, 'result', 'results');
  if (failed.length === 0) return `Imported ${results(total)}.`;
  if (succeeded.length === 0) {
    return total === 1 ? 'The result could not be imported; see below.' : `None of the ${total} results could be imported; see below.`;
  }
  return `Imported ${succeeded.length} of ${results(total)}. ${failed.length} did not land; they are listed below.`;
}
