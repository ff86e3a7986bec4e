import { runtime, util, type Context } from '@aws-appsync/utils';
import { isIdentityPoolCaller, isReleased, type ExamRelease } from './release';

/**
 * In Exam.results, before its query (data source: NONE): a guest gets an empty page of an exam
 * whose results are not released. The exam is `ctx.source`, the item its parent field read, so
 * this costs no read.
 */
export function request(ctx: Context<Record<string, unknown>, Record<string, unknown>, { result: unknown }, ExamRelease>): unknown {
  if (isIdentityPoolCaller(ctx) && !(ctx.source && isReleased(ctx.source, util.time.nowEpochMilliSeconds()))) {
    return runtime.earlyReturn({ items: [], nextToken: null }, { skipTo: 'END' });
  }
  return {};
}

export function response(ctx: Context): unknown {
  return ctx.prev.result;
}
