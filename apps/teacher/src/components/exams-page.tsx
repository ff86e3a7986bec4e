'use client';

import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate, useSecondTicks } from '@exam-results/web-shell';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState, useSyncExternalStore } from 'react';
import { watchTeacherExams, watchTeacherResultCounts } from '../lib/data-api';
import { ExamsStore, type ExamInput, type ExamSummary } from '../lib/exams-store';
import { countResults, todayAsDateValue } from '../lib/format';
import { releaseLabel } from '../lib/release-label';
import { Dialog } from './dialog';
import { ExamForm } from './exam-form';
import { LiveIndicator, LoadStatus } from './live-status';
import { Notices } from './notices';
import { useSession } from './session';
import { useFocusRescue } from './use-focus-rescue';

/** The teacher's exams, newest first, live; create, edit and delete them. */
export function ExamsPage() {
  const { client, api, outboxes, teacherName, owner } = useSession();
  const router = useRouter();
  const [store] = useState(() => new ExamsStore(api, { outbox: outboxes.exams }));
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const exams = useLiveList(() => watchTeacherExams(client, owner), { onItems: (rows) => store.setServerExams(rows) });
  const results = useLiveList(() => watchTeacherResultCounts(client, owner), { onItems: (rows) => store.setServerResults(rows) });
  const [editing, setEditing] = useState<ExamSummary>();
  const [deleting, setDeleting] = useState<ExamSummary>();

  const validate = useCallback((fields: ExamInput) => store.problemWith(fields), [store]);
  // the dialog gives focus back to the Delete button of an exam that is then gone
  const [examsHeadingRef, actedOnDelete] = useFocusRescue<HTMLHeadingElement>();

  return (
    <>
      <h1>Your exams</h1>

      <section aria-labelledby="new-exam-heading" className="panel">
        <h2 id="new-exam-heading">New exam</h2>
        {teacherName === undefined ? (
          <p className="loading" role="status">
            Reading your account…
          </p>
        ) : (
          <ExamForm
            initial={{ subject: '', date: todayAsDateValue(), teacher: teacherName, grading: null, releaseMode: 'live' }}
            submitLabel="Create exam"
            validate={validate}
            onSubmit={async (fields) => {
              const outcome = await store.create(fields);
              if ('failure' in outcome) return outcome.failure;
              router.push(`/exams/${outcome.id}`);
              return undefined;
            }}
          />
        )}
      </section>

      <section aria-labelledby="exams-heading">
        <h2 id="exams-heading" ref={examsHeadingRef} tabIndex={-1}>
          Exams
        </h2>
        {exams.loaded ? <LiveIndicator live={exams} /> : null}
        <Notices notices={view.notices} onDismiss={(id) => store.dismissNotice(id)} />
        {!exams.loaded ? (
          <LoadStatus live={exams} what="your exams" />
        ) : view.exams.length === 0 ? (
          <p className="empty">No exams yet — create your first one above.</p>
        ) : (
          <ul className="exam-list">
            {view.exams.map((exam) => (
              <li key={exam.id} className="exam-card" aria-busy={view.saving.has(exam.id) || undefined}>
                <h3>
                  <Link href={`/exams/${exam.id}`}>{exam.subject}</Link>
                </h3>
                <p className="exam-meta">
                  <span>{formatExamDate(exam.date)}</span>
                  <span>{exam.teacher}</span>
                  <span>{results.loaded ? countResults(exam.resultCount) : 'Counting results…'}</span>
                  <ReleaseBadge exam={exam} />
                  {view.saving.has(exam.id) ? <span className="saving">Saving…</span> : null}
                </p>
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => setEditing(exam)}
                    aria-label={`Edit ${exam.subject}, ${formatExamDate(exam.date)}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button danger small"
                    onClick={() => setDeleting(exam)}
                    aria-label={`Delete ${exam.subject}, ${formatExamDate(exam.date)}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {exams.loaded && !results.loaded ? <LoadStatus live={results} what="the number of results" /> : null}
      </section>

      {editing ? (
        <Dialog title={`Edit ${editing.subject}`} onClose={() => setEditing(undefined)}>
          <ExamForm
            initial={{
              subject: editing.subject,
              date: editing.date,
              teacher: editing.teacher,
              grading: editing.grading,
              maxPoints: editing.maxPoints === null ? '' : String(editing.maxPoints),
            }}
            submitLabel="Save changes"
            validate={validate}
            onCancel={() => setEditing(undefined)}
            onSubmit={(fields) => {
              setEditing(undefined);
              return store.update(editing.id, fields);
            }}
          />
        </Dialog>
      ) : null}

      {deleting ? (
        <DeleteDialog
          exam={view.exams.find((exam) => exam.id === deleting.id) ?? deleting}
          countsLoaded={results.loaded}
          onClose={() => setDeleting(undefined)}
          onDelete={(exam) => {
            actedOnDelete();
            void store.remove(exam.id);
          }}
        />
      ) : null}
    </>
  );
}

function ReleaseBadge({ exam }: { exam: ExamSummary }) {
  const now = useSecondTicks();
  if (now === undefined) return null;
  const { kind, text } = releaseLabel(exam, now);
  return (
    <span className="release-badge" data-release={kind}>
      {text}
    </span>
  );
}

/**
 * Asks before an exam goes, saying how many results go with it: the count as it is now (the
 * counts may still be read when the dialog opens), and nothing to confirm until it is known.
 */
function DeleteDialog({ exam, countsLoaded, onClose, onDelete }: { exam: ExamSummary; countsLoaded: boolean; onClose: () => void; onDelete: (exam: ExamSummary) => void }) {
  return (
    <Dialog title={`Delete ${exam.subject}?`} onClose={onClose}>
      <p>
        {exam.subject}, {formatExamDate(exam.date)}
        {!countsLoaded
          ? ': counting its results…'
          : exam.resultCount > 0
            ? ` has ${countResults(exam.resultCount).toLowerCase()}. Deleting the exam deletes its results too; students will no longer see them.`
            : ' has no results.'}{' '}
        This cannot be undone.
      </p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          disabled={!countsLoaded}
          onClick={() => {
            onClose();
            onDelete(exam);
          }}
        >
          {exam.resultCount > 0 ? 'Delete exam and results' : 'Delete exam'}
        </button>
        <button type="button" className="button secondary" onClick={onClose} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
