import { getOperationAST, Kind, parse } from 'graphql';
import type { Caller } from '../appsync/caller';
import { authorizingRules, readAccess } from '../appsync/models/model-auth';
import type { AuthRule, ModelCatalog, ModelInfo } from '../appsync/models/model-catalog';
import { isObject } from '../shared/values';
import type { MonitorEvent } from './monitor-bus';

// How the monitor names who asked and which @auth rule decided. The decision itself is the
// one the request got; the rules come from model-auth.ts, the code that made it.

/** `guest`, a signed-in identity, or the user pool user (an access token names them by sub; the bus puts their email in its place). */
export function callerName(caller: Caller): string {
  if (caller.kind === 'iam') return caller.authenticated ? `signed-in identity ${caller.identityId}` : 'guest';
  const email = caller.claims['email'];
  return typeof email === 'string' ? email : caller.username;
}

/** A rule as amplify/ spells it in the introspection: `allow public (identityPool) to read`. */
export function describeRule(rule: AuthRule): string {
  const who = rule.allow === 'owner' ? `owner (${rule.ownerField})` : rule.allow === 'groups' ? `groups ${rule.groups.join(', ')}` : rule.allow;
  return `allow ${who} via ${rule.provider} to ${[...rule.operations].join(', ')}`;
}

function rootFieldNames(query: string, operationName: string | undefined): { type: string; fields: string[] } | undefined {
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

type OperationKind = 'get' | 'list' | 'create' | 'update' | 'delete';

/** Which rules let the caller do `kind` on `model`, and whether reads are cut down to the caller's own items. */
function decide(model: ModelInfo, caller: Caller, kind: OperationKind, refused: boolean): { decision: string; rule: string } {
  const rules = authorizingRules(model, caller, kind, undefined);
  const whole = rules.find((rule) => rule.allow !== 'owner');
  if (refused || rules.length === 0) {
    const owners = rules.filter((rule) => rule.allow === 'owner');
    const rule = owners.length > 0 ? `${owners.map(describeRule).join('; ')}: not the owner` : `no rule of ${model.name} lets this caller ${kind}`;
    return { decision: 'Unauthorized', rule };
  }
  if (whole) return { decision: 'allowed', rule: describeRule(whole) };
  const filtered = kind === 'list' && readAccess(model, caller, 'list').kind === 'owner';
  return { decision: filtered ? 'filtered' : 'allowed', rule: rules.map(describeRule).join('; ') };
}

/** An answered GraphQL request over HTTP, as the monitor shows it. */
export function graphqlEvent(
  catalog: ModelCatalog,
  facts: { caller: Caller; query: string; operationName: string | undefined; answer: unknown; latencyMs: number },
): MonitorEvent {
  const root = rootFieldNames(facts.query, facts.operationName);
  const errors = errorTypes(facts.answer);
  const refused = errors.includes('Unauthorized');
  // A request refused as a whole (invalid, too deep, ...) never reached a rule.
  const unrun = !refused && errors.length > 0 && isObject(facts.answer) && facts.answer['data'] === null;
  const decisions = (unrun ? [] : (root?.fields ?? [])).flatMap((field) => {
    const operation = catalog.operations.get(field);
    return operation ? [decide(operation.model, facts.caller, operation.kind, refused)] : [];
  });
  const first = decisions.find((entry) => entry.decision === 'Unauthorized') ?? decisions.find((entry) => entry.decision === 'filtered') ?? decisions[0];
  return {
    service: 'graphql',
    operation: root ? `${root.type} ${root.fields.join(', ')}` : 'unparsable request',
    caller: callerName(facts.caller),
    decision: first?.decision ?? errors[0] ?? 'allowed',
    ...(first ? { rule: first.rule } : {}),
    latencyMs: facts.latencyMs,
  };
}

/** A real-time `start`: acknowledged (with the rule that lets the caller listen), or refused with its error. */
export function subscriptionEvent(
  models: ReadonlyMap<string, ModelInfo>,
  facts: { field: string; typeName?: string | undefined; caller?: Caller | undefined; errorType?: string | undefined; latencyMs: number },
): MonitorEvent {
  const model = facts.typeName === undefined ? undefined : models.get(facts.typeName);
  const judged = model && facts.caller ? decide(model, facts.caller, 'list', facts.errorType === 'Unauthorized') : undefined;
  return {
    service: 'subscription',
    operation: `subscription ${facts.field}`,
    caller: facts.caller ? callerName(facts.caller) : 'unknown',
    decision: facts.errorType ?? (judged?.decision === 'filtered' ? 'filtered' : 'allowed'),
    ...(judged ? { rule: judged.rule } : {}),
    latencyMs: facts.latencyMs,
  };
}

/** Who a Cognito JSON call names: its Username (or USERNAME), a login for the identity pool, else anonymous. */
function cognitoCaller(identityPool: boolean, operation: string, input: unknown): string {
  if (!isObject(input)) return 'anonymous';
  if (identityPool) return isObject(input['Logins']) && Object.keys(input['Logins']).length > 0 ? 'signed-in identity' : 'guest';
  if (operation.startsWith('Admin') || operation === 'ListUsers') return 'administrator';
  const parameters = isObject(input['AuthParameters']) ? input['AuthParameters'] : isObject(input['ChallengeResponses']) ? input['ChallengeResponses'] : {};
  const named = input['Username'] ?? parameters['USERNAME'];
  return typeof named === 'string' ? named : 'anonymous';
}

/** A call of the user pool's or identity pool's JSON API. */
export function cognitoEvent(
  targetPrefix: string,
  facts: { operation: string; input: unknown; errorType: string | undefined; latencyMs: number },
): MonitorEvent {
  const identityPool = targetPrefix === 'AWSCognitoIdentityService';
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
