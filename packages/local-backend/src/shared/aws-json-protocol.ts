import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AwsServiceError,
  InternalErrorException,
  InvalidParameterException,
  SerializationException,
  UnknownOperationException,
} from './aws-errors';
import type { RequestObservers } from './observers';
import { HttpError, readBody, sendJson } from './http';
import type { HttpHandler } from './server';
import { describeError, isObject } from './values';

export type JsonObject = Record<string, unknown>;
export type Operation = (input: JsonObject) => unknown;

const maxRequestBytes = 256 * 1024;
const contentType = 'application/x-amz-json-1.1';

function sendError(res: ServerResponse, error: AwsServiceError): void {
  sendJson(res, error.status, { __type: error.name, message: error.message }, {
    'content-type': contentType,
    'x-amzn-errortype': error.name,
  });
}

/** A request as it arrived, for an operation that checks its signature. */
export interface RawRequest {
  method: string;
  /** Absolute URL as the client addressed it (its Host header), which is what it signed. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

async function readRaw(req: IncomingMessage): Promise<RawRequest> {
  try {
    const body = await readBody(req, maxRequestBytes);
    return { method: req.method ?? 'POST', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers, body };
  } catch (error) {
    if (error instanceof HttpError) throw new SerializationException(error.message);
    throw error;
  }
}

function parseInput(raw: RawRequest): JsonObject {
  let body: unknown;
  try {
    body = JSON.parse(raw.body.toString('utf8'));
  } catch {
    throw new SerializationException('Request body is not valid JSON');
  }
  if (!isObject(body)) throw new SerializationException('Request body must be a JSON object');
  return body;
}

/**
 * Serves an AWS JSON 1.1 service: `POST` with `x-amz-target: <targetPrefix>.<Operation>`,
 * a JSON object in, a JSON object or an AWS-shaped error out. Unexpected failures are
 * logged and answered as InternalErrorException; the server keeps serving.
 */
export function createAwsJsonHandler(
  targetPrefix: string,
  operations: Readonly<Record<string, Operation>>,
  log: (line: string) => void,
  /** Checks a request before its operation runs (the admin API's SigV4 signature); throws an AwsServiceError to refuse it. */
  authorize?: (operationName: string, request: RawRequest) => void,
  /** Told of every call (the console's requests monitor). */
  observers?: RequestObservers,
): HttpHandler {
  return async (req, res) => {
    const startedAt = performance.now();
    let operationName = '';
    let input: unknown;
    let errorType: string | undefined;
    try {
      if (req.method !== 'POST') {
        throw new UnknownOperationException(`Only POST is supported, got ${req.method ?? 'no method'}`);
      }
      const target = req.headers['x-amz-target'];
      operationName =
        typeof target === 'string' && target.startsWith(`${targetPrefix}.`) ? target.slice(targetPrefix.length + 1) : '';
      const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
      if (!operation) throw new UnknownOperationException(`Unknown operation ${String(target)}`);
      const raw = await readRaw(req);
      authorize?.(operationName, raw);
      input = parseInput(raw);
      const output = await operation(input as JsonObject);
      sendJson(res, 200, output ?? {}, { 'content-type': contentType });
    } catch (error) {
      if (error instanceof AwsServiceError) {
        errorType = error.name;
        sendError(res, error);
        return;
      }
      errorType = 'InternalErrorException';
      log(`${targetPrefix}: ${describeError(error)}`);
      sendError(res, new InternalErrorException('Internal server error'));
    } finally {
      observers?.awsJsonCall?.({ targetPrefix, operation: operationName, input, errorType, latencyMs: performance.now() - startedAt });
    }
  };
}

/** Reads a required string member, failing the way AWS request validation does. */
export function requireString(input: JsonObject, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    const name = member.charAt(0).toLowerCase() + member.slice(1);
    throw new InvalidParameterException(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** Reads an optional map of strings (AuthParameters, ChallengeResponses, Logins, ...). */
export function optionalStringMap(input: JsonObject, member: string): Record<string, string> {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new SerializationException(`${member} must be a map of strings`);
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new SerializationException(`${member}.${key} must be a string`);
    map[key] = entry;
  }
  return map;
}
