import { ExamNotFound } from '../../../components/exam-not-found';

export default ExamNotFound;
