import { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult, type ExamResultsClient } from '@exam-results/live-data';
import { DataError, readableReason } from './data-errors';

export type { Exam, ExamResult } from '@exam-results/live-data';

export type DataClient = ExamResultsClient;

export type ExamFields = Pick<Exam, 'subject' | 'date' | 'teacher'>;
export type ResultFields = Pick<ExamResult, 'student' | 'grade'>;

interface Outcome<T> {
  data?: T | null;
  errors?: readonly unknown[];
}

function accepted<T>({ data, errors }: Outcome<T>): T {
  if (errors?.length || !data) throw new DataError(readableReason(errors ?? 'no data'));
  return data;
}

// Every write reads back the same fields as the live lists, so what it returns is a row as they hold it.
const exam = { selectionSet: EXAM_FIELDS };
const result = { selectionSet: RESULT_FIELDS };

export function dataApi(client: DataClient) {
  const { Exam, Result } = client.models;
  return {
    async createExam({ id, subject, date, teacher }: ExamFields & { id: string }): Promise<Exam> {
      return accepted(await Exam.create({ id, subject, date, teacher }, exam));
    },
    async updateExam({ id, subject, date, teacher }: Partial<ExamFields> & { id: string }): Promise<Exam> {
      return accepted(await Exam.update({ id, subject, date, teacher }, exam));
    },
    async deleteExam(id: string): Promise<void> {
      accepted(await Exam.delete({ id }, exam));
    },
    async createResult({ id, examId, student, grade }: ResultFields & { id: string; examId: string }): Promise<ExamResult> {
      return accepted(await Result.create({ id, examId, student, grade }, result));
    },
    async updateResult({ id, student, grade }: Partial<ResultFields> & { id: string }): Promise<ExamResult> {
      return accepted(await Result.update({ id, student, grade }, result));
    },
    async deleteResult(id: string): Promise<void> {
      accepted(await Result.delete({ id }, result));
    },
    /** Every result of one exam, as the server has them now (all pages). */
    async listResults(examId: string): Promise<ExamResult[]> {
      const rows: ExamResult[] = [];
      let nextToken: string | null | undefined;
      do {
        const page = await Result.list({ filter: { examId: { eq: examId } }, nextToken, ...result });
        if (page.errors?.length) throw new DataError(readableReason(page.errors));
        rows.push(...page.data);
        nextToken = page.nextToken;
      } while (nextToken);
      return rows;
    },
  };
}

export type DataApi = ReturnType<typeof dataApi>;
