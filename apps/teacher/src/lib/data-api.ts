import { EXAM_FIELDS, RESULT_FIELDS, watchModel, type ExamResultsClient, type LiveList, type WatchedItem } from '@exam-results/live-data';

export { shelveOwnExams, watchOwnExams as watchTeacherExams, watchOwnResultCounts as watchTeacherResultCounts, type CountedResult } from '@exam-results/live-data';
import { DataError, errorTypeOf, readableReason } from './data-errors';

export type DataClient = ExamResultsClient;

/** What the teacher reads of a result: what students read, and the full name only its owner may read. */
export const TEACHER_RESULT_FIELDS = [...RESULT_FIELDS, 'fullName'] as const;

export type Exam = WatchedItem<'Exam', typeof EXAM_FIELDS>;
export type ExamResult = WatchedItem<'Result', typeof TEACHER_RESULT_FIELDS>;

export type ExamFields = Pick<Exam, 'subject' | 'date' | 'teacher' | 'grading' | 'maxPoints'> & Partial<Pick<Exam, 'release' | 'releaseAt' | 'passMark'>>;
export type ResultFields = Pick<ExamResult, 'student' | 'grade' | 'fullName'>;

interface Outcome<T> {
  data?: T | null;
  errors?: readonly unknown[];
}

function accepted<T>({ data, errors }: Outcome<T>): T {
  if (errors?.length || !data) throw new DataError(readableReason(errors ?? 'no data'), errorTypeOf(errors));
  return data;
}

// Every write reads back the same fields as the live lists, so what it returns is a row as they hold it.
const exam = { selectionSet: EXAM_FIELDS };
const result = { selectionSet: TEACHER_RESULT_FIELDS };

/**
 * AppSync leaves fields with rules of their own out of a mutation's answer (null), as it
 * does in subscription events: the full name just written is put back from the input.
 */
function withFullName(row: ExamResult, fullName: string | null | undefined): ExamResult {
  return fullName === undefined ? row : { ...row, fullName };
}

/** One of the teacher's exams, kept live (a list of at most one), read by its key. */
export function watchTeacherExam(client: DataClient, id: string): LiveList<Exam> {
  const listBy = async () => {
    const { data, errors } = await client.models.Exam.get({ id }, exam);
    return { data: data ? [data] : [], errors, nextToken: null };
  };
  return watchModel(client, { model: 'Exam', selectionSet: EXAM_FIELDS, filter: { id: { eq: id } }, listBy });
}

/** The results of one exam with their full names as listed (the `listResultsByExam` index); events carry none (see ResultsEditor). */
export function watchTeacherResults(client: DataClient, examId: string): LiveList<ExamResult> {
  return watchModel(client, {
    model: 'Result',
    selectionSet: TEACHER_RESULT_FIELDS,
    filter: { examId: { eq: examId } },
    listBy: ({ limit, nextToken }) => client.models.Result.listResultsByExam({ examId }, { ...result, limit, nextToken }),
  });
}

export function dataApi(client: DataClient) {
  const { Exam, Result } = client.models;
  return {
    async createExam({ id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark }: Pick<ExamFields, 'subject' | 'date' | 'teacher'> & Partial<ExamFields> & { id: string }): Promise<Exam> {
      return accepted(await Exam.create({ id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark }, exam));
    },
    async updateExam({ id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark }: Partial<ExamFields> & { id: string }): Promise<Exam> {
      return accepted(await Exam.update({ id, subject, date, teacher, grading, maxPoints, release, releaseAt, passMark }, exam));
    },
    async deleteExam(id: string): Promise<void> {
      accepted(await Exam.delete({ id }, exam));
    },
    async createResult({ id, examId, student, grade, fullName, createdAt }: Pick<ResultFields, 'student' | 'grade'> & Partial<ResultFields> & { id: string; examId: string; createdAt?: string | null }): Promise<ExamResult> {
      return withFullName(accepted(await Result.create({ id, examId, student, grade, fullName, createdAt }, result)), fullName ?? null);
    },
    async updateResult({ id, student, grade, fullName }: Partial<ResultFields> & { id: string }): Promise<ExamResult> {
      return withFullName(accepted(await Result.update({ id, student, grade, fullName }, result)), fullName);
    },
    async deleteResult(id: string): Promise<void> {
      accepted(await Result.delete({ id }, result));
    },
    /** One result as the server has it now, with its full name (a read, unlike an event, carries it). */
    async getResult(id: string): Promise<ExamResult | undefined> {
      const { data, errors } = await Result.get({ id }, result);
      if (errors?.length) throw new DataError(readableReason(errors));
      return data ?? undefined;
    },
    /** Every result of one exam, as the server has them now (all pages). */
    async listResults(examId: string): Promise<ExamResult[]> {
      const rows: ExamResult[] = [];
      let nextToken: string | null | undefined;
      do {
        const page = await Result.listResultsByExam({ examId }, { nextToken, ...result });
        if (page.errors?.length) throw new DataError(readableReason(page.errors));
        rows.push(...page.data);
        nextToken = page.nextToken;
      } while (nextToken);
      return rows;
    },
  };
}

export type DataApi = ReturnType<typeof dataApi>;
