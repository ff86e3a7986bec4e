import { ExamsPage } from '../components/exams-page';

export default function Home() {
  return <ExamsPage />;
}
