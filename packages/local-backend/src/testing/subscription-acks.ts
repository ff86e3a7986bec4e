import { Hub } from 'aws-amplify/utils';
import { Recording } from './wait-for';

/**
 * The subscription fields (`onCreateExam`, ...) the server has acknowledged to this process's
 * aws-amplify client, in order, as its Hub reports each `start_ack`: wait on it before writing,
 * so no event is written before the subscription that should see it is live.
 */
export function recordSubscriptionAcks(): Recording<string> {
  const acknowledged = new Recording<string>();
  Hub.listen('api', ({ payload }) => {
    const data = payload.data as { query?: string } | undefined;
    if (payload.event === 'Subscription ack' && data?.query) acknowledged.push(/\{\s*(on\w+)/.exec(data.query)?.[1] ?? data.query);
  });
  return acknowledged;
}
