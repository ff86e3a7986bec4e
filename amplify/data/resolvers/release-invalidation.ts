import { extensions, util, type Context } from '@aws-appsync/utils';
import { isReleased, type ExamRelease } from './release';

/** The guest subscriptions a withdrawn release closes (`subscription-release.ts` sets their invalidation filter). */
export const resultSubscriptions = ['onCreateResult', 'onUpdateResult', 'onDeleteResult'] as const;

/**
 * In Mutation.updateExam, after its write (data source: NONE): when the exam's results are no
 * longer released (withdrawn, or moved to a later time), the guests' open subscriptions to them
 * are closed, so that no later change reaches a page that should not see it.
 */
export function request(): unknown {
  return {};
}

export function response(ctx: Context<Record<string, unknown>, Record<string, unknown>, { result: ExamRelease | null }>): unknown {
  const exam = ctx.prev.result;
  if (exam && !isReleased(exam, util.time.nowEpochMilliSeconds())) {
    for (const subscriptionField of resultSubscriptions) extensions.invalidateSubscriptions({ subscriptionField, payload: { examId: exam.id } });
  }
  return exam;
}
