import { checkGrade, type Grading } from '@exam-results/live-data';
import { limits } from '@exam-results/amplify/data/limits';
import type { DataApi, ExamResult } from './data-api';
import { FullNames } from './full-names';
import { OptimisticCollection } from './optimistic-collection';
import type { Delivery } from './outbox';
import { resultsOutbox, type ResultsOutbox, type ResultWrite } from './outbox-writes';
import { browserScheduler, type Scheduler } from './scheduler';
import { Store, type FieldProblem, type Notice } from './store';
import { studentKey } from './student-name';

/** A result as the teacher types it: the name students see, the grade, and optionally the full name only the teacher sees. */
export interface ResultInput {
  student: string;
  grade: string;
  fullName?: string;
}

type ResultValues = Pick<ExamResult, 'student' | 'grade' | 'fullName'>;

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
  /** Where writes wait for the server (the session's, kept across pages and reloads); by default one of its own. */
  outbox?: ResultsOutbox;
  scheduler?: Scheduler;
  undoMs?: number;
  newId?: () => string;
  now?: () => Date;
}

/** In the order they were entered, like the paper list they are copied from. */
function entryOrder(a: ExamResult, b: ExamResult): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

const describe = ({ student, grade }: Pick<ExamResult, 'student' | 'grade'>) => `${student} (${grade})`;

/**
 * The results of one open exam as the teacher edits them: every add, edit and delete shows at
 * once, is rolled back with a readable notice if the backend refuses it, and a delete can be
 * undone for a few seconds (the result comes back with the same id).
 */
export class ResultsEditor extends Store<EditorView> {
  private readonly rows = new OptimisticCollection<ExamResult>(entryOrder);
  private readonly fullNames = new FullNames();
  private grading: Grading | undefined;
  private lastServerRows: readonly ExamResult[] = [];
  private readonly outbox: ResultsOutbox;
  private readonly scheduler: Scheduler;
  private readonly undoMs: number;
  private readonly newId: () => string;
  private readonly now: () => Date;
  private undoOffer: UndoOffer | undefined;
  private cancelUndoExpiry: (() => void) | undefined;

  constructor(
    private readonly examId: string,
    private readonly writes: Pick<DataApi, 'createResult' | 'updateResult' | 'deleteResult' | 'getResult'>,
    options: EditorOptions = {},
  ) {
    super();
    this.scheduler = options.scheduler ?? browserScheduler;
    this.undoMs = options.undoMs ?? 10_000;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.outbox = options.outbox ?? resultsOutbox(writes);
    this.rows.subscribe(() => this.publish());
    for (const delivery of this.outbox.deliveries()) {
      if (delivery.write.item.examId === examId) void this.show(delivery);
    }
  }

  /** The results as the live list has them; events lack full names, which are filled in from what this tab knows. */
  setServerRows(rows: readonly ExamResult[]): void {
    this.lastServerRows = rows;
    const { rows: completed, unknown } = this.fullNames.complete(rows, this.rows.getSnapshot().pending);
    this.rows.setServerItems(completed);
    for (const id of unknown) void this.readFullName(id);
  }

  /** Whether the live connection is up: the server answers again, so the writes waiting for it go now. */
  setConnection(live: boolean): void {
    if (live) this.outbox.retryNow();
  }

  /** How the exam is graded: grades are checked against it and written its way. */
  setGrading(grading: Grading | undefined): void {
    this.grading = grading;
  }

  /** Why these values cannot be saved, or undefined when they can. */
  problemWith(input: ResultInput, exceptId?: string): FieldProblem<keyof ResultInput> | undefined {
    const checked = this.check(input, exceptId);
    return 'problem' in checked ? checked.problem : undefined;
  }

  private check(input: ResultInput, exceptId?: string): { values: ResultValues } | { problem: FieldProblem<keyof ResultInput> } {
    const student = input.student.trim();
    const fullName = input.fullName?.trim() ?? '';
    if (student === '') return { problem: { field: 'student', message: 'Enter the name students see: a first name, initials or a candidate number.' } };
    if (student.length > limits.student) return { problem: { field: 'student', message: `The name students see is at most ${limits.student} characters.` } };
    if (fullName.length > limits.fullName) return { problem: { field: 'fullName', message: `The full name is at most ${limits.fullName} characters.` } };
    const grade = checkGrade(input.grade, this.grading);
    if ('problem' in grade) return { problem: { field: 'grade', message: grade.problem } };
    if (grade.grade.length > limits.grade) return { problem: { field: 'grade', message: `A grade is at most ${limits.grade} characters.` } };
    const key = studentKey(student);
    const twin = this.rows.getSnapshot().items.find((row) => row.id !== exceptId && studentKey(row.student) === key);
    if (twin) return { problem: { field: 'student', message: `${twin.student} already has a result in this exam.` } };
    return { values: { student, grade: grade.grade, fullName: fullName === '' ? null : fullName } };
  }

  private async readFullName(id: string): Promise<void> {
    try {
      const row = await this.writes.getResult(id);
      if (!row) return;
      this.fullNames.remember(row);
      this.setServerRows(this.lastServerRows);
    } catch {
      // The row stays without its full name until the next read; the live list reports the connection.
    }
  }

  /** What a write stored; the live list may already hold it from its event, without the full name. */
  private saved(row: ExamResult): ExamResult {
    this.fullNames.remember(row);
    this.setServerRows(this.lastServerRows);
    return row;
  }

  /** Adds a result; resolves with why it failed (after rolling back), or undefined once saved. */
  async add(input: ResultInput, { notify = true } = {}): Promise<string | undefined> {
    const checked = this.check(input);
    if ('problem' in checked) return checked.problem.message;
    const { values } = checked;
    const stamp = this.now().toISOString();
    const row: ExamResult = { id: this.newId(), examId: this.examId, ...values, owner: null, createdAt: stamp, updatedAt: stamp };
    // A refused add keeps what was typed: its notice offers to send it again.
    return this.show(this.outbox.submit({ op: 'create', item: row }), { notify, retry: () => void this.add(input) });
  }

  async edit(id: string, input: ResultInput): Promise<string | undefined> {
    const current = this.rows.get(id);
    if (!current) return 'This result is no longer in the exam.';
    const checked = this.check(input, id);
    if ('problem' in checked) return checked.problem.message;
    const { values } = checked;
    if (values.student === current.student && values.grade === current.grade && values.fullName === current.fullName) return undefined;
    const item = { ...current, ...values, updatedAt: this.now().toISOString() };
    return this.show(this.outbox.submit({ op: 'update', item }), { was: current });
  }

  async remove(id: string): Promise<string | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.offerUndo({ text: `Deleted ${describe(row)}.`, row });
    const failure = await this.show(this.outbox.submit({ op: 'delete', item: row }));
    if (failure && this.undoOffer?.row.id === id) this.offerUndo(undefined);
    return failure;
  }

  /** Brings back the last deleted result, with its id, student and grade. */
  async undo(): Promise<string | undefined> {
    const offer = this.undoOffer;
    if (!offer) return undefined;
    this.offerUndo(undefined);
    return this.show(this.outbox.submit({ op: 'create', item: offer.row }), { undone: true });
  }

  /**
   * Shows a write of the outbox on the rows until the server answers: at once when it is made,
   * or again when the exam is opened while it still waits (after leaving the page or a reload).
   */
  private show(
    { write, saved, held }: Delivery<ResultWrite, ExamResult>,
    { notify = true, retry, was, undone = false }: { notify?: boolean; retry?: () => void; was?: ExamResult; undone?: boolean } = {},
  ): Promise<string | undefined> {
    const { op, item } = write;
    const change =
      op === 'delete'
        ? { run: () => this.rows.remove(item.id, async () => { await saved; }), text: `Could not delete ${describe(item)}.` }
        : {
            run: () => this.rows.put(item, async () => this.saved(await saved)),
            text:
              op === 'update'
                ? `Could not change ${was ? `${describe(was)} to ` : ''}${describe(item)}.`
                : `Could not ${undone ? 'bring back' : 'add'} ${describe(item)}.`,
          };
    return this.attemptKept(change.run, held, change.text, () => this.outbox.retryNow(), { notify, ...(retry ? { retry } : {}) });
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
