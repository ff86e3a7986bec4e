export { synthesizeBackend } from './synthesize-backend';
export type { AppSyncDataSource, AppSyncDefinition, AppSyncFunction, AppSyncResolver, DynamoDbTable, GraphqlApiSettings } from './read-appsync';
export type { AuthMode, SynthesizedBackend } from './read-assembly';
export type { IdentityPoolRoles, PolicyStatement } from './read-identity-pool-roles';
export type { SynthesizeOptions } from './synthesize-backend';
