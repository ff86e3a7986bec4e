import { ExamList } from '../components/exam-list';
import { orUndefined } from '../lib/server-read-fallback';
import { readExamList } from '../lib/server-reads';

// Rendered per request from a read made for it (server-reads.ts), never at build time.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const initial = await orUndefined(readExamList());
  return <ExamList initial={initial} />;
}
