import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { isIdentityPoolCaller, isReleased, type ExamRelease } from './release';

type Result = { id: string; examId: string };

/**
 * In Query.getResult, after its read (data source: the Exam table): a guest finds no result of
 * an exam whose results are not released, as if it did not exist.
 */
export function request(ctx: Context<{ id: string }, Record<string, unknown>, { result: Result | null }>): DynamoDBGetItemRequest {
  const result = ctx.prev.result;
  if (!result || !isIdentityPoolCaller(ctx)) return runtime.earlyReturn(result);
  return get<ExamRelease>({ key: { id: result.examId } });
}

export function response(ctx: Context<{ id: string }, Record<string, unknown>, { result: Result | null }, undefined, ExamRelease | null>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result || !isReleased(ctx.result, util.time.nowEpochMilliSeconds())) return null;
  return ctx.prev.result;
}
