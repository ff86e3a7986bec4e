import { ExamPage } from '../../../components/exam-page';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ExamPage key={id} examId={id} />;
}
