import { runtime, util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { callerOwns } from './caller-owns';

type Args = { input: { examId?: string | null } };
type Exam = { id: string; owner?: string | null };

/**
 * In Mutation.createResult and Mutation.updateResult, after the generated auth and before the
 * write (data source: the Exam table): a result may only be put under an exam the caller owns.
 */
export function request(ctx: Context<Args>): DynamoDBGetItemRequest {
  const { examId } = ctx.args.input;
  if (examId === undefined) return runtime.earlyReturn(ctx.prev.result);
  if (examId === null || examId === '') util.error('A result belongs to an exam: examId cannot be empty.', 'ValidationError');
  return get<Exam>({ key: { id: examId } });
}

export function response(ctx: Context<Args, Record<string, unknown>, { result: unknown }, undefined, Exam | null>): unknown {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.error(`There is no exam ${ctx.args.input.examId}.`, 'NotFound');
  if (!callerOwns(ctx, ctx.result.owner)) util.unauthorized();
  return ctx.prev.result;
}
