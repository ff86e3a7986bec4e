import { util } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return get({ key: { id: ctx.args.id } });
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (!ctx.result) util.error(`No note ${ctx.args.id}`, 'NotFound', null, { id: ctx.args.id });
  ctx.stash.before = ctx.result.likes ?? 0;
  return ctx.result;
}
