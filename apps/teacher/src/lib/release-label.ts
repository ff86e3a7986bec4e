import { releaseState, type ExamRelease } from '@exam-results/live-data';
import { formatReleaseTime } from '@exam-results/web-shell';

/** Where an exam's results stand for students, in a few words for the teacher: draft, scheduled, released, or live. */
export function releaseLabel(exam: ExamRelease, nowMs: number): { kind: 'live' | 'draft' | 'scheduled' | 'released'; text: string } {
  const state = releaseState(exam, nowMs);
  switch (state.kind) {
    case 'live':
      return { kind: 'live', text: 'Live: students see results as you enter them' };
    case 'draft':
      return { kind: 'draft', text: 'Draft: students do not see the results yet' };
    case 'scheduled':
      return { kind: 'scheduled', text: `Scheduled: results released at ${formatReleaseTime(state.at)}` };
    case 'released':
      return { kind: 'released', text: `Released at ${formatReleaseTime(state.at)}` };
  }
}
