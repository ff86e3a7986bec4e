import {
  defaultFieldResolver,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from './caller';
import type { AuthMode } from './api-definition';
import { unauthorized } from './appsync-errors';
import type { AppSyncContext } from './context';

/** An auth mode a field admits, with the user pool groups it is limited to, if any. */
interface Admitted {
  mode: AuthMode;
  groups?: string[];
}

const directiveModes: Record<string, AuthMode> = {
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_iam: 'AWS_IAM',
  aws_api_key: 'API_KEY',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
};

function admittedBy(directives: readonly ConstDirectiveNode[] | undefined, defaultMode: AuthMode): Admitted[] {
  const admitted: Admitted[] = [];
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    const mode = directiveModes[name] ?? (name === 'aws_auth' ? defaultMode : undefined);
    if (!mode) continue;
    const groupsArgument = directive.arguments?.find((argument) => argument.name.value === 'cognito_groups');
    const groups = groupsArgument ? (valueFromASTUntyped(groupsArgument.value) as string[]) : undefined;
    admitted.push(groups ? { mode, groups } : { mode });
  }
  return admitted;
}

function callerMode(caller: Caller): AuthMode {
  return caller.kind === 'userPool' ? 'AMAZON_COGNITO_USER_POOLS' : 'AWS_IAM';
}

function admits(admitted: Admitted[], caller: Caller): boolean {
  return admitted.some(({ mode, groups }) => {
    if (mode !== callerMode(caller)) return false;
    if (!groups || caller.kind !== 'userPool') return true;
    const callerGroups = caller.claims['cognito:groups'];
    return Array.isArray(callerGroups) && groups.some((group) => callerGroups.includes(group));
  });
}

/**
 * AppSync's first authorization layer: the auth directives on a field (or else on its
 * type, or else the API's default mode) say which auth modes may read it at all.
 * Every field of every object type gets this check in front of its resolver.
 */
export function enforceAuthModeDirectives(schema: GraphQLSchema, defaultMode: AuthMode): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeAdmitted = admittedBy(type.astNode?.directives, defaultMode);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, AppSyncContext>[]) {
      const fieldAdmitted = admittedBy(field.astNode?.directives, defaultMode);
      const admitted = fieldAdmitted.length > 0 ? fieldAdmitted : typeAdmitted.length > 0 ? typeAdmitted : [{ mode: defaultMode }];
      guard(type, field, admitted);
    }
  }
}

function guard(type: GraphQLObjectType, field: GraphQLField<unknown, AppSyncContext>, admitted: Admitted[]): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    if (!admits(admitted, context.caller)) throw unauthorized(field.name, type.name);
    return resolve(source, args, context, info);
  };
}
