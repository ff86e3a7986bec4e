import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCloudAssembly, type AssemblyResource, type CloudAssembly, type RootStack, type Template } from './cloud-assembly';
import { readAppSync, type AppSyncDefinition } from './read-appsync';
import { readIdentityPoolRoles, type IdentityPoolRoles } from './read-identity-pool-roles';

interface PasswordPolicy {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  temporaryPasswordValidityDays?: number;
}

/** A user pool group (`defineAuth({ groups })`): a name, and what the template says literally of it. */
export interface UserPoolGroup {
  groupName: string;
  description?: string;
  /** Lower wins when a user's groups name different roles; Amplify numbers its groups in order from 0. */
  precedence?: number;
  /** The group's IAM role, when the template gives its ARN literally (Amplify's is a `Fn::GetAtt`). */
  roleArn?: string;
}

export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'API_KEY' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

/** Everything read from the synthesized cloud assembly; nothing else parses its CloudFormation. */
export interface SynthesizedBackend extends Pick<CloudAssembly, 'resourcesOfType' | 'readAsset'> {
  /** The CDK cloud assembly directory. */
  assemblyDir: string;
  /** The full AppSync SDL Amplify's transformer produced (the schema asset AppSync is deployed with). */
  graphqlSchema: string;
  /** The model-level schema (`@model`, `@auth`, relationships) the data construct ships as a codegen asset. */
  modelSchema: string;
  /** CloudFormation template of the auth nested stack (user pool, identity pool, roles). */
  authTemplate: Template;
  /** CloudFormation template of the data nested stack (the AppSync API). */
  dataTemplate: Template;
  /** The password policy of the synthesized user pool. */
  passwordPolicy: PasswordPolicy;
  /** The user pool's groups (`AWS::Cognito::UserPoolGroup`), in name order. */
  userPoolGroups: UserPoolGroup[];
  /** The user pool's app client. */
  userPoolClient: {
    /** The auth flows it allows, e.g. `ALLOW_USER_SRP_AUTH` (Cognito's defaults when the template lists none). */
    explicitAuthFlows: string[];
  };
  /** The identity pool. */
  identityPool: {
    /** Guest access: unauthenticated identities get credentials. */
    allowUnauthenticatedIdentities: boolean;
    /** What its roles' IAM policies allow (AppSync checks them for IAM-signed requests). */
    roles: IdentityPoolRoles;
  };
  /** The AppSync GraphQL API. */
  graphqlApi: {
    defaultAuthMode: AuthMode;
    additionalAuthModes: AuthMode[];
  };
  /** What AppSync runs: resolvers and their functions' code, data sources, tables, API settings. */
  appSync: AppSyncDefinition;
  /** The root stack's outputs with literal values (`passwordPolicyMinLength`, `usernameAttributes`, ...), from which `ampx` builds amplify_outputs.json. */
  rootStackOutputs: Record<string, string>;
  /** The root stack as CloudFormation would describe it: its name, Metadata and output names (what `ampx sandbox seed` reads back). */
  rootStack: RootStack;
}

function only(resources: AssemblyResource[], type: string, assemblyDir: string): AssemblyResource {
  const [resource, ...others] = resources;
  if (!resource || others.length > 0) throw new Error(`expected exactly one ${type} in ${assemblyDir}, found ${resources.length}`);
  return resource;
}

function passwordPolicyOf(userPool: AssemblyResource): PasswordPolicy {
  const policy = (userPool.properties['Policies'] as { PasswordPolicy?: Record<string, unknown> } | undefined)?.PasswordPolicy;
  // Cognito's own defaults apply when the template leaves the policy (or a setting) out.
  const number = (key: string, fallback: number): number => {
    const value = policy?.[key] ?? fallback;
    if (typeof value !== 'number') throw new Error(`PasswordPolicy.${key} is not a literal number: ${JSON.stringify(value)}`);
    return value;
  };
  const flag = (key: string): boolean => {
    const value = policy === undefined ? true : (policy[key] ?? false);
    if (typeof value !== 'boolean') throw new Error(`PasswordPolicy.${key} is not a literal boolean: ${JSON.stringify(value)}`);
    return value;
  };
  return {
    minimumLength: number('MinimumLength', 8),
    requireLowercase: flag('RequireLowercase'),
    requireUppercase: flag('RequireUppercase'),
    requireNumbers: flag('RequireNumbers'),
    requireSymbols: flag('RequireSymbols'),
    temporaryPasswordValidityDays: number('TemporaryPasswordValidityDays', 7),
  };
}

function userPoolGroupsOf(groups: AssemblyResource[]): UserPoolGroup[] {
  return groups
    .map(({ logicalId, properties }) => {
      const { GroupName: groupName, Description: description, Precedence: precedence, RoleArn: roleArn } = properties;
      // Amplify always names its groups; a generated name is only known once deployed.
      if (typeof groupName !== 'string') throw new Error(`UserPoolGroup ${logicalId} has no literal GroupName: ${JSON.stringify(groupName)}`);
      return {
        groupName,
        ...(typeof description === 'string' ? { description } : {}),
        ...(typeof precedence === 'number' ? { precedence } : {}),
        ...(typeof roleArn === 'string' ? { roleArn } : {}),
      };
    })
    .sort((a, b) => (a.groupName < b.groupName ? -1 : a.groupName > b.groupName ? 1 : 0));
}

function explicitAuthFlowsOf(client: AssemblyResource): string[] {
  const flows = client.properties['ExplicitAuthFlows'];
  // Without ExplicitAuthFlows Cognito enables SRP, refresh and custom auth.
  if (!Array.isArray(flows)) return ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];
  return flows.filter((flow): flow is string => typeof flow === 'string');
}

function authModesOf(api: AssemblyResource): SynthesizedBackend['graphqlApi'] {
  const providers = (api.properties['AdditionalAuthenticationProviders'] ?? []) as { AuthenticationType: AuthMode }[];
  return {
    defaultAuthMode: api.properties['AuthenticationType'] as AuthMode,
    additionalAuthModes: providers.map((provider) => provider.AuthenticationType),
  };
}

/** The one directory asset holding `model-schema.graphql` (`ampx` turns that same file into `model_introspection`). */
function modelSchemaOf(assemblyDir: string): string {
  const candidates = readdirSync(assemblyDir)
    .filter((entry) => entry.startsWith('asset.'))
    .map((entry) => join(assemblyDir, entry, 'model-schema.graphql'))
    .filter((file) => existsSync(file));
  const [file, ...others] = candidates;
  if (!file || others.length > 0) {
    throw new Error(`expected one model-schema.graphql asset in ${assemblyDir}, found ${candidates.length}`);
  }
  return readFileSync(file, 'utf8');
}

/** The template that declares `resource`. */
function templateOf(assembly: CloudAssembly, resource: AssemblyResource): Template {
  const template = assembly.templates.get(resource.templateFile);
  if (!template) throw new Error(`no template ${resource.templateFile} in ${assembly.dir}`);
  return template;
}

/** Reads what the local backend honours out of a cloud assembly. */
export function readAssembly(assemblyDir: string): SynthesizedBackend {
  const assembly = openCloudAssembly(assemblyDir);
  const one = (type: string) => only(assembly.resourcesOfType(type), type, assemblyDir);
  const userPool = one('AWS::Cognito::UserPool');
  const api = one('AWS::AppSync::GraphQLApi');
  return {
    resourcesOfType: assembly.resourcesOfType,
    readAsset: assembly.readAsset,
    assemblyDir,
    graphqlSchema: assembly.readAsset(one('AWS::AppSync::GraphQLSchema').properties['DefinitionS3Location']),
    modelSchema: modelSchemaOf(assemblyDir),
    authTemplate: templateOf(assembly, userPool),
    dataTemplate: templateOf(assembly, api),
    passwordPolicy: passwordPolicyOf(userPool),
    userPoolGroups: userPoolGroupsOf(assembly.resourcesOfType('AWS::Cognito::UserPoolGroup')),
    userPoolClient: { explicitAuthFlows: explicitAuthFlowsOf(one('AWS::Cognito::UserPoolClient')) },
    identityPool: {
      allowUnauthenticatedIdentities: one('AWS::Cognito::IdentityPool').properties['AllowUnauthenticatedIdentities'] === true,
      roles: readIdentityPoolRoles(assembly),
    },
    graphqlApi: authModesOf(api),
    appSync: readAppSync(assembly),
    rootStackOutputs: assembly.rootStackOutputs(),
    rootStack: assembly.rootStack(),
  };
}
