/** An exam's release settings, as `EXAM_FIELDS` reads them. */
export interface ExamRelease {
  release?: 'live' | 'held' | null;
  releaseAt?: string | null;
}

/**
 * Where an exam's results stand for students, for display: AppSync decides what a guest may read
 * (amplify/data/resolvers/release.ts); the pages show the same answer and wait for the moment.
 */
export type ReleaseState =
  | { kind: 'live' }
  | { kind: 'draft' }
  | { kind: 'scheduled'; at: string; atMs: number }
  | { kind: 'released'; at: string; atMs: number };

export function releaseState(exam: ExamRelease, nowMs: number): ReleaseState {
  if (exam.release !== 'held') return { kind: 'live' };
  if (!exam.releaseAt) return { kind: 'draft' };
  const atMs = Date.parse(exam.releaseAt);
  return atMs <= nowMs ? { kind: 'released', at: exam.releaseAt, atMs } : { kind: 'scheduled', at: exam.releaseAt, atMs };
}

/** Whether students see the exam's results at `nowMs`. */
export function isReleased(exam: ExamRelease, nowMs: number): boolean {
  const { kind } = releaseState(exam, nowMs);
  return kind === 'live' || kind === 'released';
}
