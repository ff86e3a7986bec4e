import { util, type Context } from '@aws-appsync/utils';

/** The release settings of an exam as its table holds them (`release`, `releaseAt` in data/resource.ts). */
export interface ExamRelease {
  id: string;
  release?: string | null;
  releaseAt?: string | null;
}

/**
 * Whether guests may see the exam's results now: exams left 'live' (and every exam from before
 * releases existed) as entered; 'held' ones from `releaseAt` on, never while it is empty.
 */
export function isReleased(exam: ExamRelease, nowMs: number): boolean {
  if (exam.release !== 'held') return true;
  if (!exam.releaseAt) return false;
  return util.time.parseISO8601ToEpochMilliSeconds(exam.releaseAt) <= nowMs;
}

/** A caller with identity-pool credentials (the student pages): the one reader a release holds back. */
export function isIdentityPoolCaller(ctx: Context): boolean {
  const identity = ctx.identity as { cognitoIdentityPoolId?: string | null } | null;
  return util.authType() === 'IAM Authorization' && Boolean(identity?.cognitoIdentityPoolId);
}

/** The exam a guest's list or subscription is about: its filter must name one (`examId: { eq }`). */
export function filteredExamId(filter: unknown): string | undefined {
  const examId = (filter as { examId?: { eq?: unknown } } | null | undefined)?.examId?.eq;
  return typeof examId === 'string' && examId !== '' ? examId : undefined;
}

export const NOT_RELEASED = 'The results of this exam are not released yet.';
