import Link from 'next/link';

export function BackLink() {
  return (
    <p className="back">
      <Link href="/">← All exams</Link>
    </p>
  );
}
