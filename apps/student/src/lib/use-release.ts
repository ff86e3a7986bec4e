import { releaseState, type ExamRelease, type ReleaseState } from '@exam-results/live-data/guest';
import { useEffect, useState } from 'react';

/**
 * Pages open at a release read within this long after it, at random: a whole school's pages then
 * do not all read in the same millisecond, and every page still has its results within 2 s.
 */
export const RELEASE_SPREAD_MS = 1000;
// setTimeout's longest wait (about 24.8 days); a later release re-arms the timer when it fires.
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * An exam's release state, moving from scheduled to released at its time (plus up to `spreadMs`
 * at random, for a page that reads at that moment) with no reload and no request: one timer, set
 * again whenever the teacher moves the time. `firstNow` is the time the first render shows (the
 * server's read), so hydration matches it.
 */
export function useReleaseState(exam: ExamRelease, firstNow: number, spreadMs: number): ReleaseState;
export function useReleaseState(exam: ExamRelease | undefined, firstNow: number, spreadMs: number): ReleaseState | undefined;
export function useReleaseState(exam: ExamRelease | undefined, firstNow: number, spreadMs: number): ReleaseState | undefined {
  const [now, setNow] = useState(firstNow);
  const state = exam ? releaseState(exam, now) : undefined;
  const waitUntil = state?.kind === 'scheduled' ? state.atMs : undefined;

  // Also when the teacher moves the time or releases at once: a time already past fires after the spread alone.
  useEffect(() => {
    if (waitUntil === undefined) return;
    const wait = Math.max(0, waitUntil - Date.now()) + Math.random() * spreadMs;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait, LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [waitUntil, now, spreadMs]);
  return state;
}
