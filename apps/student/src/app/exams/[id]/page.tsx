import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ExamPage } from '../../../components/exam-page';
import { orUndefined } from '../../../lib/server-read-fallback';
import { readExamPage } from '../../../lib/server-reads';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const exam = (await orUndefined(readExamPage(id)))?.exam;
  if (exam === null) return { title: 'Exam not found · Exam results' };
  return exam ? { title: `${exam.subject} · Exam results` } : {};
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const initial = await orUndefined(readExamPage(id));
  // Without the server's read (the backend did not answer), the browser reads and says so itself.
  if (initial?.exam === null) notFound();
  return <ExamPage key={id} id={id} initial={initial} />;
}
