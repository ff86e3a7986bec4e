import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { filteredExamId, isIdentityPoolCaller, isReleased, type ExamRelease } from './release';

type Args = { examId?: string; filter?: unknown };

/**
 * In Query.listResultsByExam and Query.listResults, after the read (data source: the Exam
 * table): a guest gets an empty page of an exam whose results are not released. The index query
 * names its exam; the list must name one in its filter (`examId: { eq }`), since a page mixing
 * exams would mix releases. Running after the read keeps the generated pipeline whole; before a
 * release the student pages wait for it instead of reading.
 */
export function request(ctx: Context<Args, Record<string, unknown>, { result: unknown }>): DynamoDBGetItemRequest {
  if (!isIdentityPoolCaller(ctx)) return runtime.earlyReturn(ctx.prev.result);
  const examId = ctx.args.examId ?? filteredExamId(ctx.args.filter);
  if (!examId) util.error('Guests list the results of one exam: filter on examId (eq).', 'Unauthorized');
  return get<ExamRelease>({ key: { id: examId } });
}

export function response(ctx: Context<Args, Record<string, unknown>, { result: unknown }, undefined, ExamRelease | null>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result || !isReleased(ctx.result, util.time.nowEpochMilliSeconds())) return { items: [], nextToken: null };
  return ctx.prev.result;
}
