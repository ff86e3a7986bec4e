'use client';

import { releaseState } from '@exam-results/live-data';
import { formatReleaseTime, fromSchoolDateTimeInput, schoolTimeZone, thisSecond, toSchoolDateTimeInput, useSecondTicks } from '@exam-results/web-shell';
import { useId, useState, type FormEvent } from 'react';
import type { Exam, ExamFields } from '../lib/data-api';
import { messageOf } from '../lib/data-errors';
import { releaseLabel } from '../lib/release-label';
import { useFocusRescue } from './use-focus-rescue';

type ReleaseChange = Pick<ExamFields, 'release' | 'releaseAt'>;

/**
 * When students see this exam's results, and the teacher's controls: release now, set or move
 * the time, withdraw (open student pages lose the results at once), or go back to live entry.
 */
export function ReleasePanel({ exam, onChange }: { exam: Exam; onChange: (change: ReleaseChange) => Promise<void> }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Moves from scheduled to released on screen at the time itself. It counts whole seconds, so
  // "Release now" stamps the whole second: at 12.345 s it would look still to come until 13 s.
  const now = useSecondTicks() ?? 0;
  const state = releaseState(exam, now);
  const label = releaseLabel(exam, now);
  const [time, setTime] = useState(() => (exam.releaseAt && Date.parse(exam.releaseAt) > Date.now() ? toSchoolDateTimeInput(exam.releaseAt) : ''));

  // the buttons are disabled while a change is sent, and the one pressed may be gone once it is done
  const [statusRef, actedOnRelease] = useFocusRescue<HTMLParagraphElement>();

  const change = async (next: ReleaseChange) => {
    actedOnRelease();
    setBusy(true);
    setError(undefined);
    try {
      await onChange(next);
    } catch (failure) {
      setError(`The release was not changed: ${messageOf(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  const schedule = (event: FormEvent) => {
    event.preventDefault();
    const releaseAt = fromSchoolDateTimeInput(time);
    if (!releaseAt) return setError('Enter the day and time the results are released.');
    if (Date.parse(releaseAt) <= Date.now()) return setError('That time has passed: choose a later one, or release now.');
    void change({ release: 'held', releaseAt });
  };

  return (
    <section className="panel release-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Release</h2>
      <p ref={statusRef} className="release-status" data-release={label.kind} role="status" tabIndex={-1}>
        {label.text}
      </p>
      <div className="actions">
        {state.kind !== 'released' && state.kind !== 'live' ? (
          <button type="button" className="button primary small" disabled={busy} onClick={() => void change({ release: 'held', releaseAt: new Date(thisSecond()).toISOString() })}>
            Release now
          </button>
        ) : null}
        {state.kind === 'released' || state.kind === 'scheduled' || state.kind === 'live' ? (
          <button type="button" className="button secondary small" disabled={busy} onClick={() => void change({ release: 'held', releaseAt: null })}>
            {state.kind === 'scheduled' ? 'Cancel the time' : 'Withdraw the results'}
          </button>
        ) : null}
      </div>
      <form className="release-time" onSubmit={schedule} noValidate>
        <label htmlFor={`${id}-time`}>{state.kind === 'scheduled' ? 'Move the release to' : 'Release at'}</label>
        <input id={`${id}-time`} type="datetime-local" value={time} onChange={(event) => setTime(event.target.value)} aria-describedby={`${id}-zone`} />
        <button type="submit" className="button secondary small" disabled={busy || time === ''}>
          {state.kind === 'scheduled' ? 'Move' : 'Schedule'}
        </button>
        <p id={`${id}-zone`} className="hint">
          School time ({schoolTimeZone}){exam.releaseAt && state.kind === 'scheduled' ? `; set for ${formatReleaseTime(exam.releaseAt)}` : ''}.
        </p>
      </form>
      {state.kind !== 'live' ? (
        <p>
          <button type="button" className="link-button" disabled={busy} onClick={() => void change({ release: 'live', releaseAt: null })}>
            Show results as they are entered instead
          </button>
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
