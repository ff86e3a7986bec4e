import { BackLink } from './back-link';

/** What an exam's address shows when there is no such exam: the server's 404 page, or a page open when the teacher deletes it. */
export function ExamNotFound() {
  return (
    <>
      <BackLink />
      <h1>Exam not found</h1>
      <p className="empty">There is no exam at this address, or its teacher removed it.</p>
    </>
  );
}
