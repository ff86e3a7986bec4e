import type { Schema } from '@exam-results/amplify/data/resource';
import type { Client } from 'aws-amplify/data';
import { DataError, readableReason } from './data-errors';

export type DataClient = Client<Schema>;

export interface ExamRow {
  id: string;
  subject: string;
  /** AWSDate, YYYY-MM-DD */
  date: string;
  teacher: string;
  createdAt: string;
  updatedAt: string;
}

export interface ResultRow {
  id: string;
  examId: string;
  student: string;
  grade: string;
  createdAt: string;
  updatedAt: string;
}

export type ExamFields = Pick<ExamRow, 'subject' | 'date' | 'teacher'>;
export type ResultFields = Pick<ResultRow, 'student' | 'grade'>;

interface Outcome<T> {
  data?: T | null;
  errors?: readonly unknown[];
}

function accepted<T>({ data, errors }: Outcome<T>): T {
  if (errors?.length || !data) throw new DataError(readableReason(errors ?? 'no data'));
  return data;
}

function toExamRow(record: ExamRow): ExamRow {
  const { id, subject, date, teacher, createdAt, updatedAt } = record;
  return { id, subject, date, teacher, createdAt, updatedAt };
}

function toResultRow(record: ResultRow): ResultRow {
  const { id, examId, student, grade, createdAt, updatedAt } = record;
  return { id, examId, student, grade, createdAt, updatedAt };
}

export function dataApi(client: DataClient) {
  const { Exam, Result } = client.models;
  return {
    async createExam({ id, subject, date, teacher }: ExamFields & { id: string }): Promise<ExamRow> {
      return toExamRow(accepted(await Exam.create({ id, subject, date, teacher })));
    },
    async updateExam({ id, subject, date, teacher }: Partial<ExamFields> & { id: string }): Promise<ExamRow> {
      return toExamRow(accepted(await Exam.update({ id, subject, date, teacher })));
    },
    async deleteExam(id: string): Promise<void> {
      accepted(await Exam.delete({ id }));
    },
    async createResult({ id, examId, student, grade }: ResultFields & { id: string; examId: string }): Promise<ResultRow> {
      return toResultRow(accepted(await Result.create({ id, examId, student, grade })));
    },
    async updateResult({ id, student, grade }: Partial<ResultFields> & { id: string }): Promise<ResultRow> {
      return toResultRow(accepted(await Result.update({ id, student, grade })));
    },
    async deleteResult(id: string): Promise<void> {
      accepted(await Result.delete({ id }));
    },
    /** Every result of one exam, as the server has them now (all pages). */
    async listResults(examId: string): Promise<ResultRow[]> {
      const rows: ResultRow[] = [];
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
