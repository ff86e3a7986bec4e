import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../shared/http';
import type { RawRequest } from '../shared/aws-json-protocol';
import { describeError } from '../shared/values';

/** The AWS Query protocol (form-encoded request, XML answer) as CloudFormation speaks it. */

const namespace = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const maxRequestBytes = 256 * 1024;

/** An error in CloudFormation's shape: `<ErrorResponse><Error><Type/><Code/><Message/></Error>`. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** An XML element: text, or children in order; a list is `member` elements. */
export type XmlValue = string | XmlValue[] | { [name: string]: XmlValue | undefined };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function toXml(value: XmlValue): string {
  if (typeof value === 'string') return escapeXml(value);
  if (Array.isArray(value)) return value.map((member) => `<member>${toXml(member)}</member>`).join('');
  return Object.entries(value)
    .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
    .map(([name, child]) => `<${name}>${toXml(child)}</${name}>`)
    .join('');
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  const payload = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(payload.length), 'x-amzn-requestid': requestId });
  res.end(payload);
}

export type QueryAction = (parameters: URLSearchParams, request: RawRequest) => XmlValue;

/**
 * Serves `Action=<name>` requests: `authorize` runs first on the raw request, then the action's
 * result is wrapped as `<NameResponse><NameResult>…</NameResult><ResponseMetadata/>`.
 */
export function queryHandler(options: { actions: Record<string, QueryAction>; authorize: (request: RawRequest) => void; log: (line: string) => void }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const fail = (error: QueryError) =>
      sendXml(
        res,
        error.status,
        `<ErrorResponse xmlns="${namespace}">${toXml({ Error: { Type: error.status >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message }, RequestId: requestId })}</ErrorResponse>`,
        requestId,
      );
    try {
      if (req.method !== 'POST') throw new QueryError('InvalidAction', `CloudFormation is called with POST, not ${req.method ?? 'no method'}`);
      let body: Buffer;
      try {
        body = await readBody(req, maxRequestBytes);
      } catch (error) {
        if (error instanceof HttpError) throw new QueryError('ValidationError', error.message, error.status);
        throw error;
      }
      const request: RawRequest = { method: req.method, url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers, body };
      options.authorize(request);
      const parameters = new URLSearchParams(body.toString('utf8'));
      const actionName = parameters.get('Action') ?? '';
      const action = Object.hasOwn(options.actions, actionName) ? options.actions[actionName] : undefined;
      if (!action) throw new QueryError('InvalidAction', `The action ${actionName || '(none)'} is not valid for this web service.`);
      const result = action(parameters, request);
      sendXml(
        res,
        200,
        `<${actionName}Response xmlns="${namespace}">${toXml({ [`${actionName}Result`]: result, ResponseMetadata: { RequestId: requestId } })}</${actionName}Response>`,
        requestId,
      );
    } catch (error) {
      if (error instanceof QueryError) return fail(error);
      options.log(`internal error in CloudFormation: ${describeError(error)}`);
      fail(new QueryError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500));
    }
  };
}
