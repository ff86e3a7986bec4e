'use client';

import { plural } from '@exam-results/web-shell';
import Link from 'next/link';
import { useEffect, useSyncExternalStore } from 'react';
import type { ExamWrite, ResultWrite } from '../lib/outbox-writes';
import type { TeacherOutboxes } from '../lib/teacher-outboxes';

const LEAVE_QUESTION = 'Some entries are not saved yet. They are kept in this browser and sent when the server answers. Leave this page?';
const SHOWN = 5;

/** Asks before the page is left (closed, reloaded, or another page of the app opened by a link) while `active`. */
function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const click = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return;
      if (window.confirm(LEAVE_QUESTION)) return;
      // before Next's Link sees the click
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [active]);
}

function describeResultWrite({ op, item }: ResultWrite): string {
  const what = `${item.student} (${item.grade})`;
  return { create: `Add ${what}`, update: `Change to ${what}`, delete: `Delete ${what}` }[op];
}

function describeExamWrite({ op, item }: ExamWrite): string {
  return op === 'create' ? `Create the ${item.subject} exam` : `Save the changes to the ${item.subject} exam`;
}

/**
 * What the teacher entered that the server has not acknowledged yet, on every page (also when
 * the page's own lists cannot be read), with a way to send it now; leaving asks first.
 */
export function UnsentEntries({ outboxes }: { outboxes: TeacherOutboxes }) {
  const { results, exams } = outboxes;
  const resultWrites = useSyncExternalStore(results.subscribe, results.getSnapshot, results.getSnapshot);
  const examWrites = useSyncExternalStore(exams.subscribe, exams.getSnapshot, exams.getSnapshot);
  const entries = [
    ...examWrites.map((write) => ({ text: describeExamWrite(write), href: `/exams/${write.item.id}` })),
    ...resultWrites.map((write) => ({ text: describeResultWrite(write), href: `/exams/${write.item.examId}` })),
  ];
  useLeaveGuard(entries.length > 0);

  useEffect(() => {
    const sendNow = () => {
      results.retryNow();
      exams.retryNow();
    };
    sendNow();
    window.addEventListener('online', sendNow);
    return () => {
      window.removeEventListener('online', sendNow);
      results.close();
      exams.close();
    };
  }, [results, exams]);

  if (entries.length === 0) return null;
  return (
    <section className="panel unsent-entries" aria-label="Entries not saved yet">
      <p role="status">
        {plural(entries.length, 'entry is', 'entries are')} not saved yet: kept in this browser and sent as soon as the server answers.{' '}
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            results.retryNow();
            exams.retryNow();
          }}
        >
          Send now
        </button>
      </p>
      <ul>
        {entries.slice(0, SHOWN).map(({ text, href }, index) => (
          // in the order they were made, which does not change while shown
          <li key={index}>
            <Link href={href}>{text}</Link>
          </li>
        ))}
        {entries.length > SHOWN ? <li>and {entries.length - SHOWN} more</li> : null}
      </ul>
    </section>
  );
}
