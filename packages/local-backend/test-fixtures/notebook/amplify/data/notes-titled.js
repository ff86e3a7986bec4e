import { util } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return scan({ filter: { title: { beginsWith: ctx.args.prefix } } });
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
