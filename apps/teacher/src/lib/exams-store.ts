import { limits } from '@exam-results/amplify/data/limits';
import { fromSchoolDateTimeInput, plural } from '@exam-results/web-shell';
import { runBatch } from './batch';
import type { DataApi, ExamFields, Exam, ExamResult } from './data-api';
import { DataError, messageOf } from './data-errors';
import { OptimisticCollection } from './optimistic-collection';
import type { Delivery } from './outbox';
import { examsOutbox, type ExamsOutbox, type ExamWrite } from './outbox-writes';
import { Store, type FieldProblem, type Notice } from './store';

export interface ExamSummary extends Exam {
  resultCount: number;
}

export interface ExamsView {
  exams: readonly ExamSummary[];
  saving: ReadonlySet<string>;
  notices: readonly Notice[];
}

type ExamsBackend = Pick<DataApi, 'createExam' | 'updateExam' | 'deleteExam' | 'listResults' | 'deleteResult'>;

/** An exam as the form holds it: the number of points as typed, grading and points optional. */
export interface ExamInput {
  subject: string;
  date: string;
  teacher: string;
  grading?: Exam['grading'];
  maxPoints?: string;
  /** When students see the results (the new-exam form; the exam page moves it later): as entered, by hand, or at `releaseAt`. */
  releaseMode?: ReleaseMode;
  /** A `datetime-local` value on the school's clock. */
  releaseAt?: string;
}

export type ReleaseMode = 'live' | 'manual' | 'scheduled';

/** How many times deleting an exam lists and deletes its results again before it gives up. */
const DELETE_ROUNDS = 3;

/** Newest exam first; exams on the same day, the one created last first. */
function newestFirst(a: Exam, b: Exam): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

/** The years an exam date may fall in; the date input carries the same bounds. */
export const EXAM_YEARS = { first: 2000, last: 2100 } as const;

function dateProblem(value: string): string | undefined {
  if (value === '') return 'Enter the date of the exam.';
  const year = /^(\d+)-\d{2}-\d{2}$/.exec(value)?.[1];
  if (year === undefined) return 'Enter the date as day, month and year.';
  if (Number(year) < EXAM_YEARS.first || Number(year) > EXAM_YEARS.last) {
    return `The year ${Number(year)} is not a year of exams here: choose one from ${EXAM_YEARS.first} to ${EXAM_YEARS.last}.`;
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) return 'This day does not exist in that month.';
  return undefined;
}

/** The exam's fields as stored, or what is wrong with the input and where. */
function examValues(input: ExamInput): { values: ExamFields } | { problem: FieldProblem<keyof ExamInput> } {
  const subject = input.subject.trim();
  const teacher = input.teacher.trim();
  if (subject === '') return { problem: { field: 'subject', message: 'Enter the subject.' } };
  if (subject.length > limits.subject) return { problem: { field: 'subject', message: `The subject is at most ${limits.subject} characters.` } };
  const date = dateProblem(input.date);
  if (date) return { problem: { field: 'date', message: date } };
  if (teacher === '') return { problem: { field: 'teacher', message: 'Enter the teacher’s name.' } };
  if (teacher.length > limits.teacher) return { problem: { field: 'teacher', message: `The teacher’s name is at most ${limits.teacher} characters.` } };
  const grading = input.grading ?? null;
  let maxPoints: number | null = null;
  if (grading === 'points') {
    maxPoints = Number(input.maxPoints?.trim() || Number.NaN);
    if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > limits.maxPoints) {
      return { problem: { field: 'maxPoints', message: `Enter what the exam is marked out of: a whole number from 1 to ${limits.maxPoints}.` } };
    }
  }
  const release = releaseValues(input);
  if ('problem' in release) return release;
  return { values: { subject, date: input.date, teacher, grading, maxPoints, ...release.values } };
}

function releaseValues(input: ExamInput): { values: Pick<ExamFields, 'release' | 'releaseAt'> } | { problem: FieldProblem<keyof ExamInput> } {
  switch (input.releaseMode) {
    case undefined:
      return { values: {} };
    case 'live':
      return { values: { release: 'live', releaseAt: null } };
    case 'manual':
      return { values: { release: 'held', releaseAt: null } };
    case 'scheduled': {
      const releaseAt = fromSchoolDateTimeInput(input.releaseAt ?? '');
      if (!releaseAt) return { problem: { field: 'releaseAt', message: 'Enter the day and time the results are released.' } };
      if (Date.parse(releaseAt) <= Date.now()) return { problem: { field: 'releaseAt', message: 'That time has passed: choose a later one, or release the results by hand.' } };
      return { values: { release: 'held', releaseAt } };
    }
  }
}

export interface ExamsStoreOptions {
  /** Where creates and edits wait for the server (the session's, kept across pages and reloads); by default one of its own. */
  outbox?: ExamsOutbox;
  newId?: () => string;
  now?: () => Date;
}

/** The teacher's exams with their number of results; creating, editing and deleting show at once. */
export class ExamsStore extends Store<ExamsView> {
  private readonly exams = new OptimisticCollection<Exam>(newestFirst);
  private resultCounts = new Map<string, number>();
  private readonly outbox: ExamsOutbox;
  private readonly newId: () => string;
  private readonly now: () => Date;

  constructor(
    private readonly api: ExamsBackend,
    options: ExamsStoreOptions = {},
  ) {
    super();
    this.outbox = options.outbox ?? examsOutbox(api);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.exams.subscribe(() => this.publish());
    for (const delivery of this.outbox.deliveries()) void this.show(delivery);
  }

  setServerExams(exams: readonly Exam[]): void {
    this.exams.setServerItems(exams);
  }

  setServerResults(results: readonly Pick<ExamResult, 'examId'>[]): void {
    const counts = new Map<string, number>();
    for (const { examId } of results) counts.set(examId, (counts.get(examId) ?? 0) + 1);
    this.resultCounts = counts;
    this.publish();
  }

  problemWith(input: ExamInput): FieldProblem<keyof ExamInput> | undefined {
    const checked = examValues(input);
    return 'problem' in checked ? checked.problem : undefined;
  }

  /** Resolves with the new exam's id once the server has it or it is kept until the server answers, or with why it was refused. */
  async create(input: ExamInput): Promise<{ id: string } | { failure: string }> {
    const checked = examValues(input);
    if ('problem' in checked) return { failure: checked.problem.message };
    const { values } = checked;
    const stamp = this.now().toISOString();
    // The server sets the owner; until it answers, the optimistic exam has none.
    const exam: Exam = { id: this.newId(), passMark: null, release: null, releaseAt: null, ...values, owner: null, createdAt: stamp, updatedAt: stamp };
    const delivery = this.outbox.submit({ op: 'create', item: exam });
    let kept = false;
    void delivery.held.then(() => (kept = true));
    const failure = await this.show(delivery);
    // kept for the server: its page opens now, and fills in once the server has it (no second exam from a second click)
    return failure === undefined || kept ? { id: exam.id } : { failure };
  }

  async update(id: string, input: ExamInput): Promise<string | undefined> {
    const current = this.exams.get(id);
    if (!current) return 'This exam no longer exists.';
    const checked = examValues(input);
    if ('problem' in checked) return checked.problem.message;
    const { values } = checked;
    const item = { ...current, ...values, updatedAt: this.now().toISOString() };
    return this.show(this.outbox.submit({ op: 'update', item }), current.subject);
  }

  /** Shows a create or edit of the outbox on the list until the server answers, also when the page is opened again while it waits. */
  private show({ write, saved, held }: Delivery<ExamWrite, Exam>, subject = write.item.subject): Promise<string | undefined> {
    const text = write.op === 'create' ? `Could not create the ${subject} exam.` : `Could not save the changes to the ${subject} exam.`;
    return this.attemptKept(() => this.exams.put(write.item, () => saved), held, text, () => this.outbox.retryNow());
  }

  /**
   * Deletes the exam's results (students see each go), then the exam, which the API refuses
   * while it still has results. A result that could not be deleted, or one added meanwhile
   * (another tab), is tried again in the next round, a few rounds at most; if results remain,
   * the exam is kept, with the ones already deleted gone, and the notice says how many are left.
   */
  async remove(id: string): Promise<string | undefined> {
    const exam = this.exams.get(id);
    if (!exam) return undefined;
    return this.attempt(() => this.exams.remove(id, () => this.deleteWithResults(id)), `Could not delete the ${exam.subject} exam.`);
  }

  private async deleteWithResults(id: string): Promise<void> {
    let deleted = 0;
    let lastFailure: { left: number; message: string } | undefined;
    for (let round = 0; round < DELETE_ROUNDS; round++) {
      const results = await this.api.listResults(id);
      const { succeeded, failed } = await runBatch(results, (result) => this.api.deleteResult(result.id));
      deleted += succeeded.length;
      const [first] = failed;
      if (first) {
        lastFailure = { left: failed.length, message: first.message };
        continue;
      }
      try {
        await this.api.deleteExam(id);
        return;
      } catch (error) {
        // a result added since the list (another tab): the next round deletes it
        if (!(error instanceof DataError && error.errorType === 'ExamHasResults')) throw error;
        lastFailure = { left: 1, message: messageOf(error) };
      }
    }
    const left = lastFailure?.left ?? 0;
    const gone = deleted === 0 ? 'No result was deleted' : `${plural(deleted, 'result was', 'results were')} deleted`;
    throw new DataError(`${gone}; ${plural(left, 'result is', 'results are')} left, so the exam was kept. ${lastFailure?.message ?? ''}`.trim());
  }

  protected buildView(): ExamsView {
    const { items, pending } = this.exams.getSnapshot();
    return {
      exams: items.map((exam) => ({ ...exam, resultCount: this.resultCounts.get(exam.id) ?? 0 })),
      saving: pending,
      notices: this.notices,
    };
  }
}
