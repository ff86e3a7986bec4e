import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import { callerOwns } from './caller-owns';

type Args = { input: { id: string } };
type Result = { id: string; examId: string; owner?: string | null };

/**
 * In Mutation.deleteExam, before the delete (data source: the Result table): an exam goes only
 * once its owner's results are gone, so no result is left without its exam. The results are
 * deleted one by one first, and every student page sees each go.
 */
export function request(ctx: Context<Args>): DynamoDBQueryRequest {
  return query<Result>({ index: 'gsi-Exam.results', query: { examId: { eq: ctx.args.input.id } } });
}

export function response(ctx: Context<Args, Record<string, unknown>, { result: unknown }, undefined, { items: Result[] }>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const remaining = ctx.result.items.filter((result) => callerOwns(ctx, result.owner)).length;
  if (remaining > 0) {
    util.error(`This exam still has ${remaining} result${remaining === 1 ? '' : 's'}: delete them first.`, 'ExamHasResults', null, { remaining });
  }
  return ctx.prev.result;
}
