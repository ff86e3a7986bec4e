import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { filteredExamId, isIdentityPoolCaller, isReleased, type ExamRelease } from './release';

type Args = { filter?: unknown };

/**
 * In Query.listResults, after its read (data source: the Exam table): a guest lists the results
 * of one exam at a time (`filter: { examId: { eq } }`), and gets an empty page while they are
 * not released. Without that filter a page would mix exams whose releases differ. The apps read
 * an exam's results through `Exam.results` (`results-field-release.ts`), not through this field.
 */
export function request(ctx: Context<Args, Record<string, unknown>, { result: unknown }>): DynamoDBGetItemRequest {
  if (!isIdentityPoolCaller(ctx)) return runtime.earlyReturn(ctx.prev.result);
  const examId = filteredExamId(ctx.args.filter);
  if (!examId) util.error('Guests list the results of one exam: filter on examId (eq).', 'Unauthorized');
  return get<ExamRelease>({ key: { id: examId } });
}

export function response(ctx: Context<Args, Record<string, unknown>, { result: unknown }, undefined, ExamRelease | null>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result || !isReleased(ctx.result, util.time.nowEpochMilliSeconds())) return { items: [], nextToken: null };
  return ctx.prev.result;
}
