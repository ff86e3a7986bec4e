import type { Metadata } from 'next';
import { ExamPage } from '../../../components/exam-page';
import { orUndefined, readExamPage } from '../../../lib/server-reads';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const subject = (await orUndefined(readExamPage(id)))?.exam?.subject;
  return subject ? { title: `${subject} · Exam results` } : {};
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const initial = await orUndefined(readExamPage(id));
  return <ExamPage key={id} id={id} initial={initial} />;
}
