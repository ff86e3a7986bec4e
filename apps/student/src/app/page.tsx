import { ExamList } from '../components/exam-list';

export default function Home() {
  return <ExamList />;
}
