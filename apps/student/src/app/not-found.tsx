import type { Metadata } from 'next';
import { BackLink } from '../components/back-link';

export const metadata: Metadata = { title: 'Page not found · Exam results' };

export default function NotFound() {
  return (
    <>
      <BackLink />
      <h1>Page not found</h1>
      <p className="empty">There is no page at this address.</p>
    </>
  );
}
