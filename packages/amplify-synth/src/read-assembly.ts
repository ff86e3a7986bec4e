import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PasswordPolicy {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  temporaryPasswordValidityDays?: number;
}

export interface SynthesizedBackend {
  /** The CDK cloud assembly directory. */
  assemblyDir: string;
  /** The full AppSync SDL Amplify's transformer produced (the schema asset AppSync is deployed with). */
  graphqlSchema: string;
  /** CloudFormation template of the auth nested stack (user pool, identity pool, roles). */
  authTemplate: Record<string, unknown>;
  /** CloudFormation template of the data nested stack (the AppSync API). */
  dataTemplate: Record<string, unknown>;
  /** The password policy of the synthesized user pool. */
  passwordPolicy: PasswordPolicy;
}

type Template = Record<string, unknown>;

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

function resources(template: Template): Resource[] {
  const all = template['Resources'];
  return typeof all === 'object' && all !== null ? (Object.values(all) as Resource[]) : [];
}

function onlyResource(template: Template, type: string): Resource {
  const [resource, ...others] = resources(template).filter((candidate) => candidate.Type === type);
  if (!resource || others.length > 0) throw new Error(`expected exactly one ${type} in the template`);
  return resource;
}

function templateWith(templates: Template[], type: string, assemblyDir: string): Template {
  const matches = templates.filter((template) => resources(template).some((r) => r.Type === type));
  const [match, ...others] = matches;
  if (!match || others.length > 0) {
    throw new Error(`expected exactly one stack with a ${type} in ${assemblyDir}, found ${matches.length}`);
  }
  return match;
}

function graphqlSchemaOf(dataTemplate: Template, assemblyDir: string): string {
  const location = JSON.stringify(onlyResource(dataTemplate, 'AWS::AppSync::GraphQLSchema').Properties?.['DefinitionS3Location']);
  const assetHash = /([0-9a-f]{64})\.graphql/.exec(location ?? '')?.[1];
  if (!assetHash) throw new Error(`the AppSync schema in ${assemblyDir} does not point at a .graphql asset: ${location}`);
  return readFileSync(join(assemblyDir, `asset.${assetHash}.graphql`), 'utf8');
}

function passwordPolicyOf(authTemplate: Template): PasswordPolicy {
  const properties = onlyResource(authTemplate, 'AWS::Cognito::UserPool').Properties ?? {};
  const policy = (properties['Policies'] as { PasswordPolicy?: Record<string, unknown> } | undefined)?.PasswordPolicy;
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

/** Reads the auth and data stacks, the AppSync SDL and the password policy out of a cloud assembly. */
export function readAssembly(assemblyDir: string): SynthesizedBackend {
  const templates = readdirSync(assemblyDir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as Template);
  const authTemplate = templateWith(templates, 'AWS::Cognito::UserPool', assemblyDir);
  const dataTemplate = templateWith(templates, 'AWS::AppSync::GraphQLApi', assemblyDir);
  return {
    assemblyDir,
    graphqlSchema: graphqlSchemaOf(dataTemplate, assemblyDir),
    authTemplate,
    dataTemplate,
    passwordPolicy: passwordPolicyOf(authTemplate),
  };
}
