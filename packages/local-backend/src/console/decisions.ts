import { getOperationAST, Kind, parse } from 'graphql';
import type { Caller } from '../appsync/caller';
import type { FieldDecision, RequestObservers } from '../shared/observers';
import { isObject } from '../shared/values';
import { isAdminOperation } from '../user-pool/admin-signature';
import type { MonitorEvent, RequestMonitor } from './monitor-bus';

// How the monitor names who asked and what decided. The decision is the one the request got,
// told by the resolvers that ran: AppSync's generated pipeline functions and amplify/'s own.

/** `guest`, a signed-in identity, or the user pool user (an access token names them by sub; the bus puts their email in its place). */
export function callerName(caller: Caller): string {
  if (caller.kind === 'iam') return caller.authenticated ? `signed-in identity ${caller.identityId}` : 'guest';
  const email = caller.claims['email'];
  return typeof email === 'string' ? email : caller.username;
}

interface RootFields {
  type: string;
  fields: string[];
}

// The apps send the same few documents again and again: parsing each one's text for the monitor
// cost more than all the rest it does per request.
const rootFieldsByText = new Map<string, RootFields | undefined>();
const rootFieldsKept = 256;

function rootFieldNames(query: string, operationName: string | undefined): RootFields | undefined {
  const key = `${operationName ?? ''}\n${query}`;
  if (rootFieldsByText.has(key)) return rootFieldsByText.get(key);
  const found = parseRootFields(query, operationName);
  if (rootFieldsByText.size >= rootFieldsKept) rootFieldsByText.clear();
  rootFieldsByText.set(key, found);
  return found;
}

function parseRootFields(query: string, operationName: string | undefined): RootFields | undefined {
  try {
    const operation = getOperationAST(parse(query), operationName);
    if (!operation) return undefined;
    const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
    return { type: operation.operation, fields };
  } catch {
    return undefined;
  }
}

function errorTypes(answer: unknown): string[] {
  if (!isObject(answer) || !Array.isArray(answer['errors'])) return [];
  return answer['errors'].flatMap((error: unknown) => (isObject(error) && typeof error['errorType'] === 'string' ? [error['errorType']] : []));
}

/** The most telling decision of a request's root fields: a refusal, then a filter, then the first. */
function summary(decisions: readonly FieldDecision[]): { decision: string; rule: string } | undefined {
  const first = decisions.find((entry) => entry.decision === 'Unauthorized') ?? decisions.find((entry) => entry.decision === 'filtered') ?? decisions[0];
  if (!first) return undefined;
  const how = first.decision === 'filtered' ? 'owner filter added by' : first.decision === 'allowed' ? 'allowed by' : 'refused by';
  return { decision: first.decision, rule: `${first.field}: ${how} ${first.by ?? 'its resolver'}` };
}

/** An answered GraphQL request over HTTP, as the monitor shows it. */
export function graphqlEvent(facts: Parameters<Required<RequestObservers>['graphqlRequest']>[0]): MonitorEvent {
  const root = rootFieldNames(facts.query, facts.operationName);
  const errors = errorTypes(facts.answer);
  const decided = summary(facts.decisions);
  return {
    service: 'graphql',
    operation: root ? `${root.type} ${root.fields.join(', ')}` : 'unparsable request',
    caller: callerName(facts.caller),
    decision: decided?.decision ?? errors[0] ?? 'allowed',
    ...(decided ? { rule: decided.rule } : {}),
    latencyMs: facts.latencyMs,
  };
}

/** A real-time `start`: acknowledged (with what let the caller listen), or refused with its error. */
export function subscriptionEvent(facts: Parameters<Required<RequestObservers>['subscriptionStart']>[0]): MonitorEvent {
  const decided = summary(facts.decisions);
  return {
    service: 'subscription',
    operation: `subscription ${startedField(facts.payload)}`,
    caller: facts.caller ? callerName(facts.caller) : 'unknown',
    decision: facts.errorType ?? decided?.decision ?? 'allowed',
    ...(decided ? { rule: decided.rule } : {}),
    latencyMs: facts.latencyMs,
  };
}

/** Who a Cognito JSON call names: its Username (or USERNAME), a login for the identity pool, else anonymous. */
function cognitoCaller(identityPool: boolean, operation: string, input: unknown): string {
  if (!isObject(input)) return 'anonymous';
  if (identityPool) return isObject(input['Logins']) && Object.keys(input['Logins']).length > 0 ? 'signed-in identity' : 'guest';
  if (isAdminOperation(operation)) return 'administrator';
  const parameters = isObject(input['AuthParameters']) ? input['AuthParameters'] : isObject(input['ChallengeResponses']) ? input['ChallengeResponses'] : {};
  const named = input['Username'] ?? parameters['USERNAME'];
  return typeof named === 'string' ? named : 'anonymous';
}

/** A call of the user pool's or identity pool's JSON API. */
export function cognitoEvent(facts: Parameters<Required<RequestObservers>['awsJsonCall']>[0]): MonitorEvent {
  const identityPool = facts.targetPrefix === 'AWSCognitoIdentityService';
  return {
    service: identityPool ? 'cognito-identity' : 'cognito-idp',
    operation: facts.operation || 'unknown operation',
    caller: cognitoCaller(identityPool, facts.operation, facts.input),
    decision: facts.errorType ?? 'allowed',
    latencyMs: facts.latencyMs,
  };
}

/** The subscription field a `start` payload asks for, read as far as it can be. */
export function startedField(payload: unknown): string {
  if (!isObject(payload) || typeof payload['data'] !== 'string') return 'unreadable start';
  try {
    const data: unknown = JSON.parse(payload['data']);
    if (!isObject(data) || typeof data['query'] !== 'string') return 'unreadable start';
    const operationName = typeof data['operationName'] === 'string' ? data['operationName'] : undefined;
    return rootFieldNames(data['query'], operationName)?.fields.join(', ') ?? 'unparsable start';
  } catch {
    return 'unreadable start';
  }
}

/** What the request paths tell the monitor, as they are injected at start. */
export function monitorObservers(monitor: RequestMonitor): RequestObservers {
  return {
    graphqlRequest: (facts) => monitor.publish(graphqlEvent(facts)),
    subscriptionStart: (facts) => monitor.publish(subscriptionEvent(facts)),
    awsJsonCall: (facts) => monitor.publish(cognitoEvent(facts)),
  };
}
