import { extensions, runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { filteredExamId, isIdentityPoolCaller, isReleased, NOT_RELEASED, type ExamRelease } from './release';

type Args = { filter?: unknown };

/**
 * In Subscription.onCreateResult, onUpdateResult and onDeleteResult, after the generated filter
 * (data source: the Exam table): a guest follows the results of one released exam, and the
 * subscription is closed (`release-invalidation.ts`) when the teacher withdraws the release.
 * A page open before the release subscribes at the release time.
 */
export function request(ctx: Context<Args>): DynamoDBGetItemRequest {
  if (!isIdentityPoolCaller(ctx)) return runtime.earlyReturn(ctx.prev.result);
  const examId = filteredExamId(ctx.args.filter);
  if (!examId) util.error('Guests follow the results of one exam: filter on examId (eq).', 'Unauthorized');
  return get<ExamRelease>({ key: { id: examId } });
}

export function response(ctx: Context<Args, Record<string, unknown>, { result: unknown }, undefined, ExamRelease | null>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result || !isReleased(ctx.result, util.time.nowEpochMilliSeconds())) util.error(NOT_RELEASED, 'Unauthorized');
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ examId: { eq: ctx.result.id } }));
  return ctx.prev.result;
}
