import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AwsServiceError } from '../shared/aws-errors';

/** How a refused console request is answered: as the server refuses a host (403, ForbiddenException). */
export class ForbiddenException extends AwsServiceError {
  override readonly name = 'ForbiddenException';
  override readonly status = 403;
}

export const tokenHeader = 'x-console-token';

function sameOrigin(req: IncomingMessage): boolean {
  const { origin } = req.headers;
  return origin === undefined || origin === `http://${req.headers.host ?? ''}`;
}

/**
 * The console acts for the developer, so only its own page may drive it (the Host rule is the
 * server's): no other origin, not even another loopback one such as the apps, and every API
 * call carries the token embedded in the page of this start.
 */
export function createConsoleGuard(token: string) {
  const expected = Buffer.from(token);
  return {
    /** The page: opened directly or by following a link, never fetched or framed by another page. */
    checkPage(req: IncomingMessage): void {
      const site = req.headers['sec-fetch-site'];
      const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document';
      if (!sameOrigin(req) || (site !== undefined && site !== 'same-origin' && site !== 'none' && !navigation)) {
        throw new ForbiddenException('The console is served to its own page only.');
      }
    },
    /** An API call: from the console's page, with its token (a header, or `token=` for the event stream). */
    checkApi(req: IncomingMessage, queryToken: string | null): void {
      const site = req.headers['sec-fetch-site'];
      if (!sameOrigin(req) || (site !== undefined && site !== 'same-origin')) {
        throw new ForbiddenException('The console API answers its own page only.');
      }
      const header = req.headers[tokenHeader];
      const given = Buffer.from(typeof header === 'string' ? header : (queryToken ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ForbiddenException(`The console API needs the ${tokenHeader} of this start; reload the console page.`);
      }
    },
  };
}
