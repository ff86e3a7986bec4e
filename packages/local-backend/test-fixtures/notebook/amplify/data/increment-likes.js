import { util } from '@aws-appsync/utils';
import { update, operations } from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return update({
    key: { id: ctx.args.id },
    update: { likes: operations.increment(1), updatedAt: util.time.nowISO8601() },
    condition: { id: { attributeExists: true } },
  });
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  if (ctx.result.likes !== ctx.stash.before + 1) util.appendError('Someone liked it at the same time', 'Concurrent');
  return ctx.result;
}
