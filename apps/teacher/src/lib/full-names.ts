import type { ExamResult } from './data-api';

interface Known {
  fullName: string | null;
  /** The version of the result this full name belongs to. */
  updatedAt: string;
}

/**
 * The full names the teacher's tab knows: from its own writes and from reads. AppSync sends a
 * result's events without its full name (a field with rules of its own is null in every
 * mutation answer, so in every subscription event): a row that arrives without one gets the
 * one known for it, and a version this tab has not seen (another tab's write) is read again.
 */
export class FullNames {
  private readonly known = new Map<string, Known>();
  private listed = false;

  remember({ id, fullName, updatedAt }: Pick<ExamResult, 'id' | 'fullName' | 'updatedAt'>): void {
    const current = this.known.get(id);
    if (!current || current.updatedAt <= updatedAt) this.known.set(id, { fullName, updatedAt });
  }

  /**
   * The rows with the full names known for them, and the ids whose version this tab has not
   * seen. The first set is the list as read, full names included, so all of it is known.
   */
  complete(rows: readonly ExamResult[], writing: ReadonlySet<string>): { rows: ExamResult[]; unknown: string[] } {
    if (!this.listed) {
      this.listed = true;
      for (const row of rows) this.remember(row);
    }
    const unknown: string[] = [];
    const completed = rows.map((row) => {
      if (row.fullName !== null) {
        this.remember(row);
        return row;
      }
      const known = this.known.get(row.id);
      if ((!known || known.updatedAt < row.updatedAt) && !writing.has(row.id)) unknown.push(row.id);
      return known ? { ...row, fullName: known.fullName } : row;
    });
    return { rows: completed, unknown };
  }
}
