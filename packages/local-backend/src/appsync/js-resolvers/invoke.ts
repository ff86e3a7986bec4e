import { loadResolverCode, runResolver, type JsFunction, type JsResolver, type ResolverError, type ResolverInput } from '@exam-results/appsync-js';
import { Kind, print, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Clock } from '../../shared/clock';
import { AppSyncError } from '../appsync-errors';
import type { Caller } from '../caller';
import type { AppSyncContext } from '../models/resolver-context';

/** What every APPSYNC_JS invocation of this API shares. */
export interface InvokeDeps {
  clock: Clock;
  /** `ctx.env`: the GraphQL API's environment variables. */
  environment: Record<string, string>;
  /** The identity pool's roles, as `ctx.identity.userArn` names them for IAM callers. */
  roleArns: { authenticated: string; unauthenticated: string };
  identityPoolId: string;
  /** The user pool's issuer, for `ctx.identity.issuer`. */
  issuer: string;
}

const passThrough = loadResolverCode('export function request() { return {}; }\nexport function response(ctx) { return ctx.prev.result; }', 'pipeline', () => undefined);

/** `ctx.identity` as AppSync fills it for each kind of caller. */
function identityOf(caller: Caller, deps: InvokeDeps): Record<string, unknown> {
  if (caller.kind === 'userPool') {
    const groups = caller.claims['cognito:groups'];
    return {
      sub: caller.sub,
      username: caller.username,
      issuer: deps.issuer,
      claims: caller.claims,
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: Array.isArray(groups) ? groups : null,
    };
  }
  return {
    accountId: '000000000000',
    cognitoIdentityPoolId: deps.identityPoolId,
    cognitoIdentityId: caller.identityId,
    sourceIp: ['127.0.0.1'],
    username: caller.accessKeyId,
    userArn: `${caller.authenticated ? deps.roleArns.authenticated : deps.roleArns.unauthenticated}/CognitoIdentityCredentials`,
    cognitoIdentityAuthType: caller.authenticated ? 'authenticated' : 'unauthenticated',
    cognitoIdentityAuthProvider: null,
  };
}

/** `ctx.info.selectionSetList`: every selected field as a path (`exam/subject`), fragments spread. */
function selectionList(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, prefix = ''): string[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) {
      const path = `${prefix}${selection.name.value}`;
      return selection.name.value === '__typename' ? [] : [path, ...selectionList(selection.selectionSet, info, `${path}/`)];
    }
    const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet;
    return selectionList(nested, info, prefix);
  });
}

export function resolverInput(
  deps: InvokeDeps,
  call: { args: Record<string, unknown>; source: unknown; context: AppSyncContext; info: GraphQLResolveInfo; stash?: Record<string, unknown>; prevResult?: unknown },
): ResolverInput {
  const { caller, headers } = call.context;
  const field = call.info.fieldNodes[0] as FieldNode;
  return {
    arguments: call.args,
    source: call.source,
    identity: identityOf(caller, deps),
    info: {
      fieldName: call.info.fieldName,
      parentTypeName: call.info.parentType.name,
      variables: call.info.variableValues,
      selectionSetList: selectionList(field.selectionSet, call.info),
      selectionSetGraphQL: field.selectionSet ? print(field.selectionSet) : '',
    },
    request: { headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value ?? '')])), domainName: null },
    env: deps.environment,
    ...(call.stash ? { stash: call.stash } : {}),
    ...(call.prevResult === undefined ? {} : { prevResult: call.prevResult }),
    now: () => deps.clock.now(),
    authType: caller.kind === 'userPool' ? 'User Pool Authorization' : 'IAM Authorization',
  };
}

function toAppSyncError(error: ResolverError): AppSyncError {
  return new AppSyncError(error.errorType, error.message, { data: error.data, errorInfo: error.errorInfo });
}

/**
 * The field's value from an outcome: `util.error` becomes the field's error, errors added with
 * `util.appendError` go into the response beside the value, as AppSync returns them.
 */
function valueOf(outcome: { value: unknown; errors: ResolverError[] }, context: AppSyncContext, info: GraphQLResolveInfo): unknown {
  const [first, ...rest] = outcome.errors;
  if (outcome.value === null && first) {
    for (const error of rest) context.appendedErrors.push({ path: info.path, error: toAppSyncError(error) });
    throw toAppSyncError(first);
  }
  for (const error of outcome.errors) context.appendedErrors.push({ path: info.path, error: toAppSyncError(error) });
  return outcome.value;
}

/** Runs a resolver written in APPSYNC_JS (a custom query or mutation). */
export function invokeResolver(deps: InvokeDeps, resolver: JsResolver, call: Parameters<typeof resolverInput>[1]): unknown {
  return valueOf(runResolver(resolver, resolverInput(deps, call)), call.context, call.info);
}

/**
 * Runs functions spliced into a generated pipeline, in order, from `prevResult` on. Returns
 * what the last of them produced; a function stopping the pipeline (`util.error`) throws the
 * field's error, so the generated data function never runs.
 */
export function invokeFunctions(deps: InvokeDeps, functions: readonly JsFunction[], call: Parameters<typeof resolverInput>[1]): { value: unknown; stash: Record<string, unknown> } {
  const outcome = runResolver({ typeName: call.info.parentType.name, fieldName: call.info.fieldName, kind: 'PIPELINE', code: passThrough, functions }, resolverInput(deps, call));
  return { value: valueOf(outcome, call.context, call.info), stash: outcome.stash };
}
