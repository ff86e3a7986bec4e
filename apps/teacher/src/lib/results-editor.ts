import type { DataApi, ResultFields, ExamResult } from './data-api';
import { OptimisticCollection } from './optimistic-collection';
import { browserScheduler, type Scheduler } from './scheduler';
import { Store, type FieldProblem, type Notice } from './store';
import { studentKey } from './student-name';

export interface UndoOffer {
  text: string;
  row: ExamResult;
}

export interface EditorView {
  rows: readonly ExamResult[];
  /** Rows whose change the server has not answered yet. */
  saving: ReadonlySet<string>;
  /** Changes the server refused, already rolled back. */
  notices: readonly Notice[];
  undo: UndoOffer | undefined;
}

export interface EditorOptions {
  scheduler?: Scheduler;
  undoMs?: number;
  newId?: () => string;
  now?: () => Date;
}

/** In the order they were entered, like the paper list they are copied from. */
function entryOrder(a: ExamResult, b: ExamResult): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

const describe = ({ student, grade }: ResultFields) => `${student} (${grade})`;

/**
 * The results of one open exam as the teacher edits them: every add, edit and delete shows at
 * once, is rolled back with a readable notice if the backend refuses it, and a delete can be
 * undone for a few seconds (the result comes back with the same id).
 */
export class ResultsEditor extends Store<EditorView> {
  private readonly rows = new OptimisticCollection<ExamResult>(entryOrder);
  private readonly scheduler: Scheduler;
  private readonly undoMs: number;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private undoOffer: UndoOffer | undefined;
  private cancelUndoExpiry: (() => void) | undefined;

  constructor(
    private readonly examId: string,
    private readonly writes: Pick<DataApi, 'createResult' | 'updateResult' | 'deleteResult'>,
    options: EditorOptions = {},
  ) {
    super();
    this.scheduler = options.scheduler ?? browserScheduler;
    this.undoMs = options.undoMs ?? 10_000;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.rows.subscribe(() => this.publish());
  }

  setServerRows(rows: readonly ExamResult[]): void {
    this.rows.setServerItems(rows);
  }

  /** Why these values cannot be saved, or undefined when they can. */
  problemWith({ student, grade }: ResultFields, exceptId?: string): FieldProblem<keyof ResultFields> | undefined {
    if (student.trim() === '') return { field: 'student', message: 'Enter the student’s name.' };
    if (grade.trim() === '') return { field: 'grade', message: 'Enter a grade.' };
    const key = studentKey(student);
    const twin = this.rows.getSnapshot().items.find((row) => row.id !== exceptId && studentKey(row.student) === key);
    return twin ? { field: 'student', message: `${twin.student} already has a result in this exam.` } : undefined;
  }

  /** Adds a result; resolves with why it failed (after rolling back), or undefined once saved. */
  async add(fields: ResultFields, { notify = true } = {}): Promise<string | undefined> {
    const values = { student: fields.student.trim(), grade: fields.grade.trim() };
    const problem = this.problemWith(values);
    if (problem) return problem.message;
    const stamp = this.now().toISOString();
    const row: ExamResult = { id: this.newId(), examId: this.examId, ...values, owner: null, createdAt: stamp, updatedAt: stamp };
    return this.attempt(
      () => this.rows.put(row, () => this.writes.createResult(row)),
      `Could not add ${describe(values)}.`,
      notify,
    );
  }

  async edit(id: string, fields: ResultFields): Promise<string | undefined> {
    const current = this.rows.get(id);
    if (!current) return 'This result is no longer in the exam.';
    const values = { student: fields.student.trim(), grade: fields.grade.trim() };
    const problem = this.problemWith(values, id);
    if (problem) return problem.message;
    if (values.student === current.student && values.grade === current.grade) return undefined;
    const item = { ...current, ...values, updatedAt: this.now().toISOString() };
    return this.attempt(
      () => this.rows.put(item, () => this.writes.updateResult({ id, ...values })),
      `Could not change ${describe(current)} to ${describe(values)}.`,
    );
  }

  async remove(id: string): Promise<string | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.offerUndo({ text: `Deleted ${describe(row)}.`, row });
    const failure = await this.attempt(
      () => this.rows.remove(id, () => this.writes.deleteResult(id)),
      `Could not delete ${describe(row)}.`,
    );
    if (failure && this.undoOffer?.row.id === id) this.offerUndo(undefined);
    return failure;
  }

  /** Brings back the last deleted result, with its id, student and grade. */
  async undo(): Promise<string | undefined> {
    const offer = this.undoOffer;
    if (!offer) return undefined;
    this.offerUndo(undefined);
    const { id, examId, student, grade } = offer.row;
    return this.attempt(
      () => this.rows.put(offer.row, () => this.writes.createResult({ id, examId, student, grade })),
      `Could not bring back ${describe(offer.row)}.`,
    );
  }

  /** Stops the undo timer; call when the exam is closed. */
  close(): void {
    this.cancelUndoExpiry?.();
  }

  private offerUndo(offer: UndoOffer | undefined): void {
    this.cancelUndoExpiry?.();
    this.cancelUndoExpiry = undefined;
    this.undoOffer = offer;
    if (offer) {
      this.cancelUndoExpiry = this.scheduler.after(this.undoMs, () => {
        if (this.undoOffer === offer) this.offerUndo(undefined);
      });
    }
    this.publish();
  }

  protected buildView(): EditorView {
    const { items, pending } = this.rows.getSnapshot();
    return { rows: items, saving: pending, notices: this.notices, undo: this.undoOffer };
  }
}
