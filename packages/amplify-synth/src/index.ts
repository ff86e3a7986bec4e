export { synthesizeBackend } from './synthesize-backend';
export type { AppSyncDataSource, AppSyncDefinition, AppSyncFunction, AppSyncResolver, DynamoDbTable, GraphqlApiSettings } from './read-appsync';
export type { RootStack } from './cloud-assembly';
export { installIdPlaceholders } from './cfn-values';
export type { AuthMode, SynthesizedBackend, UserPoolGroup } from './read-assembly';
export { sandboxIdentifier, type SandboxIdentifier } from './sandbox-identifier';
export type { IdentityPoolRoles, PolicyStatement } from './read-identity-pool-roles';
export type { SynthesizeOptions } from './synthesize-backend';
