import type { IdentityPoolRoles, PolicyStatement } from '@exam-results/amplify-synth';
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { unauthorized } from './appsync-errors';
import type { AppSyncContext } from './context';

/** The ARN AppSync checks an IAM caller's policy against for one field. */
function fieldArn(typeName: string, fieldName: string): string {
  return `arn:aws:appsync:us-east-1:000000000000:apis/local-api/types/${typeName}/fields/${fieldName}`;
}

function matches(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`).test(value);
}

/** IAM's rule: allowed when some statement allows it and none denies it. */
export function policyAllows(statements: readonly PolicyStatement[], action: string, resource: string): boolean {
  const applies = (statement: PolicyStatement) =>
    statement.actions.some((pattern) => matches(pattern, action)) && statement.resources.some((pattern) => matches(pattern, resource));
  const relevant = statements.filter(applies);
  return relevant.some((statement) => statement.effect === 'Allow') && !relevant.some((statement) => statement.effect === 'Deny');
}

/**
 * AppSync authorizes an IAM-signed request against the caller's IAM policy: the root fields it
 * calls, and every field with a resolver of its own, need `appsync:GraphQL` on
 * `…/types/<type>/fields/<field>`. A guest takes the identity pool's unauthenticated role, a
 * signed-in user its authenticated role; whatever the policies leave out is Unauthorized, even
 * where a field's `@aws_iam` directive admits IAM at all.
 */
export function enforceIamPolicies(schema: GraphQLSchema, roles: IdentityPoolRoles, resolverFields: ReadonlySet<string>): void {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((type) => type?.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, AppSyncContext>[]) {
      if (!roots.has(type.name) && !resolverFields.has(`${type.name}.${field.name}`)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const resource = fieldArn(type.name, field.name);
      const allowed = { unauthenticated: policyAllows(roles.unauthenticated, 'appsync:GraphQL', resource), authenticated: policyAllows(roles.authenticated, 'appsync:GraphQL', resource) };
      field.resolve = (source, args, context, info) => {
        const { caller } = context;
        if (caller.kind === 'iam' && !allowed[caller.authenticated ? 'authenticated' : 'unauthenticated']) throw unauthorized(field.name, type.name);
        return resolve(source, args, context, info);
      };
    }
  }
}
