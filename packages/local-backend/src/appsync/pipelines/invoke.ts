import { runResolver, type JsResolver, type ResolverError, type ResolverInput, type ResolverOutcome } from '@exam-results/appsync-js';
import type { FieldDecision } from '../../shared/observers';
import { Kind, print, type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Clock } from '../../shared/clock';
import { AppSyncError } from '../appsync-errors';
import type { Caller } from '../caller';
import type { AppSyncContext } from '../context';

/** What every resolver invocation of this API shares. */
export interface InvokeDeps {
  clock: Clock;
  /** `ctx.env`: the GraphQL API's environment variables. */
  environment: Record<string, string>;
  /** The identity pool's roles by name, as `ctx.identity.userArn` names them for IAM callers. */
  roleNames: { authenticated: string; unauthenticated: string };
  accountId: string;
  identityPoolId: string;
  /** The user pool's issuer, for `ctx.identity.issuer`. */
  issuer: string;
}

/** `ctx.identity` as AppSync fills it for each kind of caller (resolver-context-reference). */
function identityOf(caller: Caller, deps: InvokeDeps): Record<string, unknown> {
  if (caller.kind === 'userPool') {
    const groups = caller.claims['cognito:groups'];
    return {
      sub: caller.sub,
      username: caller.username,
      issuer: deps.issuer,
      claims: { ...caller.claims },
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: Array.isArray(groups) ? [...groups] : null,
    };
  }
  const role = caller.authenticated ? deps.roleNames.authenticated : deps.roleNames.unauthenticated;
  return {
    accountId: deps.accountId,
    cognitoIdentityPoolId: deps.identityPoolId,
    cognitoIdentityId: caller.identityId,
    sourceIp: ['127.0.0.1'],
    username: caller.accessKeyId,
    userArn: `arn:aws:sts::${deps.accountId}:assumed-role/${role}/CognitoIdentityCredentials`,
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

// Each invocation gets its own copy: templates change ctx.args and ctx.source in place
// (`$ctx.args.input.put("owner", …)`), which must not reach other fields of the request.
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

// A document is parsed and validated once (checkDocument), so its field nodes come again with every
// request that sends it: what AppSync derives from a field's selection is derived once per node.
const selectionInfo = new WeakMap<FieldNode, { selectionSetList: string[]; selectionSetGraphQL: string }>();

function selectionOf(field: FieldNode, info: GraphQLResolveInfo): { selectionSetList: string[]; selectionSetGraphQL: string } {
  let known = selectionInfo.get(field);
  if (!known) {
    known = { selectionSetList: selectionList(field.selectionSet, info), selectionSetGraphQL: field.selectionSet ? print(field.selectionSet) : '' };
    selectionInfo.set(field, known);
  }
  return { selectionSetList: [...known.selectionSetList], selectionSetGraphQL: known.selectionSetGraphQL };
}

function resolverInput(deps: InvokeDeps, source: unknown, args: Record<string, unknown>, context: AppSyncContext, info: GraphQLResolveInfo): ResolverInput {
  const { caller, headers } = context;
  const field = info.fieldNodes[0] as FieldNode;
  return {
    arguments: copy(args),
    source: copy(source) ?? null,
    identity: identityOf(caller, deps),
    info: {
      fieldName: info.fieldName,
      parentTypeName: info.parentType.name,
      variables: copy(info.variableValues),
      ...selectionOf(field, info),
    },
    request: { headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value ?? '')])), domainName: null },
    env: deps.environment,
    now: () => deps.clock.now(),
    authType: caller.kind === 'userPool' ? 'User Pool Authorization' : 'IAM Authorization',
  };
}

/**
 * For the monitor, what the generated code decided: the error and the step that raised it, or
 * an owner filter the auth step left for the data step (`authFilter` in the stash) or for the
 * real-time filter (a subscription's enhanced filter).
 */
function decisionOf(resolver: JsResolver, outcome: ResolverOutcome, failed: boolean): FieldDecision {
  const field = `${resolver.typeName}.${resolver.fieldName}`;
  const auth = resolver.functions.find((fn) => /auth\d+Function$/.test(fn.name))?.name;
  if (failed) return { field, decision: outcome.errors[0]?.errorType ?? 'error', by: outcome.stoppedAt };
  const filtered = outcome.stash['authFilter'] !== undefined || (resolver.typeName === 'Subscription' && outcome.subscriptionFilters.length > 0);
  return { field, decision: filtered ? 'filtered' : 'allowed', by: auth };
}

function toAppSyncError(error: ResolverError): AppSyncError {
  return new AppSyncError(error.errorType, error.message, { data: error.data, errorInfo: error.errorInfo });
}

/**
 * The GraphQL resolver of a field served by `resolver`: `util.error` becomes the field's error,
 * errors added with `util.appendError` go into the response beside the value, and a
 * subscription resolver's `extensions.setSubscriptionFilter` is kept for the real-time endpoint.
 */
export function fieldResolver(deps: InvokeDeps, resolver: JsResolver): GraphQLFieldResolver<unknown, AppSyncContext, Record<string, unknown>> {
  return (source, args, context, info) => {
    const outcome = runResolver(resolver, resolverInput(deps, source, args, context, info));
    context.subscriptionFilters.push(...outcome.subscriptionFilters);
    context.invalidationFilters.push(...outcome.invalidationFilters);
    context.invalidations.push(...outcome.invalidations);
    const [first, ...rest] = outcome.errors;
    const failed = outcome.value === null && first !== undefined;
    if (info.path.prev === undefined) context.decisions.push(decisionOf(resolver, outcome, failed));
    for (const error of failed ? rest : outcome.errors) context.appendedErrors.push({ path: info.path, error: toAppSyncError(error) });
    if (failed) throw toAppSyncError(first);
    return outcome.value;
  };
}
