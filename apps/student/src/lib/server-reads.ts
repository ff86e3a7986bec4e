import outputs from '@amplify-outputs';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { createGuestClient, type GuestClient } from '@exam-results/appsync-guest';
import { isReleased, listGuestExamsPage, listGuestResults, readGuestExam, type Exam, type ExamResult } from '@exam-results/live-data/guest';
import { cache } from 'react';
import { sharedRead } from './shared-read';

let client: GuestClient | undefined;

// One guest identity per server process; its credentials are kept in memory until shortly before they expire.
function serverClient(): GuestClient {
  client ??= createGuestClient(guestEndpoints(outputs));
  return client;
}

export interface ExamPageData {
  /** The exam, or null when there is no exam with this id. */
  exam: Exam | null;
  /** Its results; null when they were not out at the read (the page then waits for their release). */
  results: ExamResult[] | null;
  /** When the server read it (ms since the epoch): the page's first render tells the release state at this time. */
  readAt: number;
}

export interface ExamListData {
  /** The most recent exams, one page. */
  exams: Exam[];
  /** Where the next (older) page starts; null when there is none. */
  nextToken: string | null;
  /** When the server read it (ms since the epoch): the first render tells each exam's release state at this time. */
  readAt: number;
}

/**
 * What the exam page shows, read when it is asked for: requests for the same exam that arrive
 * while a read is under way share it, and nothing is kept once it has answered, so a page is
 * never older than its request and nothing outlives a change of backend. Within one request
 * (the page and its metadata) React's `cache` reads once.
 */
export const readExamPage = cache(
  (id: string): Promise<ExamPageData> =>
    sharedRead(`exam:${id}`, async () => {
      const readAt = Date.now();
      const exam = await readGuestExam(serverClient(), id);
      const results = exam && isReleased(exam, readAt) ? await listGuestResults(serverClient(), id) : null;
      return { exam, results, readAt };
    }),
);

/** The student list's first page, read as {@link readExamPage} reads. */
export function readExamList(): Promise<ExamListData> {
  return sharedRead('exam-list', async () => {
    const readAt = Date.now();
    const { items, nextToken } = await listGuestExamsPage(serverClient());
    return { exams: items, nextToken, readAt };
  });
}
