import type { Grading } from '@exam-results/live-data';
import type { DataApi, ExamResult } from './data-api';
import { FullNames } from './full-names';
import { OptimisticCollection } from './optimistic-collection';
import type { Delivery } from './outbox';
import { resultsOutbox, type ResultsOutbox, type ResultWrite } from './outbox-writes';
import { browserScheduler, type Scheduler } from './scheduler';
import { checkResult, problemWith, type CheckedResult, type ResultInput, type ResultValues } from './result-check';
import { Store, type FieldProblem, type Notice } from './store';

export type { ResultInput } from './result-check';

/** The last edit or delete, which Undo takes back: `row` is the result as it was before. */
export interface UndoOffer {
  kind: 'edit' | 'delete';
  text: string;
  row: ExamResult;
}

export interface EditorView {
  rows: readonly ExamResult[];
  /** How the exam is graded, as every check of a result reads it. */
  grading: Grading | undefined;
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


const describe = ({ student, grade }: Pick<ExamResult, 'student' | 'grade'>) => `${student} (${grade})`;

/**
 * The results of one open exam as the teacher edits them: every add, edit and delete shows at
 * once, is rolled back with a readable notice if the backend refuses it, and the last edit or
 * delete can be undone for a few seconds (a deleted result comes back with the same id, in its place).
 */
export class ResultsEditor extends Store<EditorView> {
  /** In the order they were entered, like the paper list they are copied from (`createdAt`, sent with each create; AppSync always stamps one). */
  private readonly rows = new OptimisticCollection<ExamResult>((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
  private lastStamp = '';
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

  /** How the exam is graded: grades are checked against it and written its way (and an import preview checks again). */
  setGrading(grading: Grading | undefined): void {
    this.grading = grading;
    this.publish();
  }

  /** Why these values cannot be saved, or undefined when they can. */
  problemWith(input: ResultInput, exceptId?: string): FieldProblem<keyof ResultInput> | undefined {
    return problemWith(input, this.grading, this.others(exceptId));
  }

  private check(input: ResultInput, exceptId?: string): CheckedResult {
    return checkResult(input, this.grading, this.others(exceptId).map((row) => row.student));
  }

  private others(exceptId: string | undefined): ExamResult[] {
    return this.rows.getSnapshot().items.filter((row) => row.id !== exceptId);
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
    const stamp = this.entryStamp();
    const row: ExamResult = { id: this.newId(), examId: this.examId, ...values, owner: null, createdAt: stamp, updatedAt: stamp };
    // A refused add keeps what was typed: its notice offers to send it again.
    return this.show(this.outbox.submit({ op: 'create', item: row }), { notify, retry: () => void this.add(input) });
  }

  async edit(id: string, input: ResultInput): Promise<string | undefined> {
    const current = this.rows.get(id);
    if (!current) return 'This result is no longer in the exam.';
    // A grade stored before the exam's scheme was set or changed stays as it is while the name is corrected.
    const keepsGrade = input.grade.trim() === current.grade;
    const checked = keepsGrade
      ? checkResult(input, undefined, this.others(id).map((row) => row.student))
      : this.check(input, id);
    if ('problem' in checked) return checked.problem.message;
    const { values } = checked;
    if (values.student === current.student && values.grade === current.grade && values.fullName === current.fullName) return undefined;
    const onlyFullName = values.student === current.student && values.grade === current.grade;
    const text = onlyFullName ? `Changed the full name of ${describe(current)}.` : `Changed ${describe(current)} to ${describe(values)}.`;
    const offer: UndoOffer = { kind: 'edit', text, row: current };
    this.offerUndo(offer);
    const failure = await this.update(current, values);
    if (failure) this.withdrawUndo(offer);
    return failure;
  }

  private update(current: ExamResult, values: ResultValues): Promise<string | undefined> {
    const item = { ...current, ...values, updatedAt: this.now().toISOString() };
    return this.show(this.outbox.submit({ op: 'update', item }), { was: current });
  }

  async remove(id: string): Promise<string | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    const offer: UndoOffer = { kind: 'delete', text: `Deleted ${describe(row)}.`, row };
    this.offerUndo(offer);
    const failure = await this.show(this.outbox.submit({ op: 'delete', item: row }));
    if (failure) this.withdrawUndo(offer);
    return failure;
  }

  /** Takes back the last edit (the result's values before it) or delete (the result, with its id, where it was). */
  async undo(): Promise<string | undefined> {
    const offer = this.undoOffer;
    if (!offer) return undefined;
    this.offerUndo(undefined);
    const { row } = offer;
    if (offer.kind === 'edit') {
      const current = this.rows.get(row.id) ?? row;
      const { student, grade, fullName } = row;
      return this.update(current, { student, grade, fullName });
    }
    return this.show(this.outbox.submit({ op: 'create', item: row }), { undone: true });
  }

  /** Now, or a millisecond after the last entry: results added in one go (an import) keep their order. */
  private entryStamp(): string {
    const now = this.now().toISOString();
    this.lastStamp = now > this.lastStamp ? now : new Date(Date.parse(this.lastStamp) + 1).toISOString();
    return this.lastStamp;
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

  private withdrawUndo(offer: UndoOffer): void {
    if (this.undoOffer === offer) this.offerUndo(undefined);
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
    return { rows: items, grading: this.grading, saving: pending, notices: this.notices, undo: this.undoOffer };
  }
}
