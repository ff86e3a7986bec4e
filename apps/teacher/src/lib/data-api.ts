import type { Schema } from '@exam-results/amplify/data/resource';
import type { Client } from 'aws-amplify/data';
import type { Exam, ExamResult } from '@exam-results/live-data';
import { DataError, readableReason } from './data-errors';

export type { Exam, ExamResult } from '@exam-results/live-data';

export type DataClient = Client<Schema>;

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

function toExamRow(record: Exam): Exam {
  const { id, subject, date, teacher, createdAt, updatedAt } = record;
  return { id, subject, date, teacher, createdAt, updatedAt };
}

function toResultRow(record: ExamResult): ExamResult {
  const { id, examId, student, grade, createdAt, updatedAt } = record;
  return { id, examId, student, grade, createdAt, updatedAt };
}

export function dataApi(client: DataClient) {
  const { Exam, Result } = client.models;
  return {
    async createExam({ id, subject, date, teacher }: ExamFields & { id: string }): Promise<Exam> {
      return toExamRow(accepted(await Exam.create({ id, subject, date, teacher })));
    },
    async updateExam({ id, subject, date, teacher }: Partial<ExamFields> & { id: string }): Promise<Exam> {
      return toExamRow(accepted(await Exam.update({ id, subject, date, teacher })));
    },
    async deleteExam(id: string): Promise<void> {
      accepted(await Exam.delete({ id }));
    },
    async createResult({ id, examId, student, grade }: ResultFields & { id: string; examId: string }): Promise<ExamResult> {
      return toResultRow(accepted(await Result.create({ id, examId, student, grade })));
    },
    async updateResult({ id, student, grade }: Partial<ResultFields> & { id: string }): Promise<ExamResult> {
      return toResultRow(accepted(await Result.update({ id, student, grade })));
    },
    async deleteResult(id: string): Promise<void> {
      accepted(await Result.delete({ id }));
    },
    /** Every result of one exam, as the server has them now (all pages). */
    async listResults(examId: string): Promise<ExamResult[]> {
      const rows: ExamResult[] = [];
      let nextToken: string | null | undefined;
      do {
        const page = await Result.list({ filter: { examId: { eq: examId } }, nextToken });
        if (page.errors?.length) throw new DataError(readableReason(page.errors));
        rows.push(...page.data.map(toResultRow));
        nextToken = page.nextToken;
      } while (nextToken);
      return rows;
    },
  };
}

export type DataApi = ReturnType<typeof dataApi>;
