import { runBatch } from './batch';
import type { DataApi, ExamFields, Exam, ExamResult } from './data-api';
import { DataError } from './data-errors';
import { OptimisticCollection } from './optimistic-collection';
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

/** Newest exam first; exams on the same day, the one created last first. */
function newestFirst(a: Exam, b: Exam): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The teacher's exams with their number of results; creating, editing and deleting show at once. */
export class ExamsStore extends Store<ExamsView> {
  private readonly exams = new OptimisticCollection<Exam>(newestFirst);
  private resultCounts = new Map<string, number>();

  constructor(
    private readonly api: ExamsBackend,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this.exams.subscribe(() => this.publish());
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

  problemWith({ subject, date, teacher }: ExamFields): FieldProblem<keyof ExamFields> | undefined {
    if (subject.trim() === '') return { field: 'subject', message: 'Enter the subject.' };
    if (!isCalendarDate(date)) return { field: 'date', message: 'Enter the date of the exam.' };
    if (teacher.trim() === '') return { field: 'teacher', message: 'Enter the teacher’s name.' };
    return undefined;
  }

  /** Resolves with the new exam's id once the server has it, or with why it could not be created. */
  async create(fields: ExamFields): Promise<{ id: string } | { failure: string }> {
    const values = { subject: fields.subject.trim(), date: fields.date, teacher: fields.teacher.trim() };
    const problem = this.problemWith(values);
    if (problem) return { failure: problem.message };
    const stamp = this.now().toISOString();
    // The server sets the owner; until it answers, the optimistic exam has none.
    const exam: Exam = { id: this.newId(), ...values, owner: null, createdAt: stamp, updatedAt: stamp };
    const failure = await this.attempt(
      () => this.exams.put(exam, () => this.api.createExam(exam)),
      `Could not create the ${values.subject} exam.`,
    );
    return failure === undefined ? { id: exam.id } : { failure };
  }

  async update(id: string, fields: ExamFields): Promise<string | undefined> {
    const current = this.exams.get(id);
    if (!current) return 'This exam no longer exists.';
    const values = { subject: fields.subject.trim(), date: fields.date, teacher: fields.teacher.trim() };
    const problem = this.problemWith(values);
    if (problem) return problem.message;
    const item = { ...current, ...values, updatedAt: this.now().toISOString() };
    return this.attempt(
      () => this.exams.put(item, () => this.api.updateExam({ id, ...values })),
      `Could not save the changes to the ${current.subject} exam.`,
    );
  }

  /** Deletes the exam and all its results; if a result cannot be deleted, the exam is kept. */
  async remove(id: string): Promise<string | undefined> {
    const exam = this.exams.get(id);
    if (!exam) return undefined;
    return this.attempt(
      () =>
        this.exams.remove(id, async () => {
          const results = await this.api.listResults(id);
          const { failed } = await runBatch(results, (result) => this.api.deleteResult(result.id));
          const [first] = failed;
          if (first) {
            throw new DataError(
              `${failed.length} of its ${results.length} results could not be deleted, so the exam was kept. ${first.message}`,
            );
          }
          await this.api.deleteExam(id);
        }),
      `Could not delete the ${exam.subject} exam.`,
    );
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
