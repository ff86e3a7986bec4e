import outputs from '@amplify-outputs';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { createGuestClient, type GuestClient } from '@exam-results/appsync-guest';
import { listGuestExams, listGuestResults, type Exam, type ExamResult } from '@exam-results/live-data/guest';
import { unstable_cache } from 'next/cache';

/** How long a server read is reused: hundreds of students opening one exam cost one read per this many seconds. */
export const REVALIDATE_SECONDS = 5;

let client: GuestClient | undefined;

// One guest identity per server process; its credentials are kept in memory until shortly before they expire.
function serverClient(): GuestClient {
  client ??= createGuestClient(guestEndpoints(outputs));
  return client;
}

export interface ExamPageData {
  /** The exam, or none when there is no exam with this id. */
  exams: Exam[];
  results: ExamResult[];
}

export interface ExamListData {
  exams: Exam[];
  results: ExamResult[];
}

// Next's own fetch cache would key on the SigV4 date header, so reads are cached by what they read.
export function readExamPage(id: string): Promise<ExamPageData> {
  return unstable_cache(
    async () => {
      const [exams, results] = await Promise.all([listGuestExams(serverClient(), id), listGuestResults(serverClient(), id)]);
      return { exams, results };
    },
    ['exam-page', id],
    { revalidate: REVALIDATE_SECONDS, tags: ['exams', `exam:${id}`] },
  )();
}

export const readExamList = unstable_cache(
  async (): Promise<ExamListData> => {
    const [exams, results] = await Promise.all([listGuestExams(serverClient()), listGuestResults(serverClient())]);
    return { exams, results };
  },
  ['exam-list'],
  { revalidate: REVALIDATE_SECONDS, tags: ['exams'] },
);

/** What the server read, or undefined when the backend did not answer: the browser then reads it itself. */
export async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    console.error('server read failed; the page loads in the browser instead:', error);
    return undefined;
  }
}
