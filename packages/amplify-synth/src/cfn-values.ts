import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssemblyResource, Template } from './cloud-assembly';

/**
 * Evaluates the CloudFormation values of the assembly the way a deployment would fill them in,
 * across nested stacks: `Ref` to a nested stack's parameter follows what the parent passes,
 * `Fn::GetAtt` on a nested stack's `Outputs.X` follows the output, `Fn::Join`, `Fn::Sub`,
 * `Fn::Select` and `Fn::Split` are computed. What only AWS knows is a stable stand-in: the
 * region and account of the local backend, and `local-api` for the AppSync API's id.
 */

export const localApiId = 'local-api';

/**
 * Stand-ins for ids a local backend mints per install (the identity and user pools'): the
 * backend replaces them in what it reads (resolver templates stash the identity pool id).
 */
export const installIdPlaceholders = {
  identityPoolId: '<local identity pool id>',
  userPoolId: '<local user pool id>',
} as const;
const pseudoParameters: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'local',
};

/** Names a resource of the assembly: what `Fn::GetAtt <function> FunctionId` evaluates to. */
export function resourceHandle(resource: Pick<AssemblyResource, 'templateFile' | 'logicalId'>): string {
  return `resource:${resource.templateFile}#${resource.logicalId}`;
}

type Raw = Record<string, unknown>;

export interface CfnValues {
  evaluate(templateFile: string, value: unknown): unknown;
  /** The resource a handle names (see resourceHandle). */
  resourceFor(handle: unknown): AssemblyResource | undefined;
}

export function createCfnValues(dir: string, templates: ReadonlyMap<string, Template>): CfnValues {
  // Nested stacks name their template by the asset hash in TemplateURL; the asset manifests map it to the file.
  const templateByHash = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { files?: Record<string, { source?: { path?: string } }> };
    for (const [hash, asset] of Object.entries(manifest.files ?? {})) {
      if (asset.source?.path?.endsWith('.template.json')) templateByHash.set(hash, asset.source.path);
    }
  }
  const parentOf = new Map<string, { templateFile: string; resource: Raw }>();
  for (const [templateFile, template] of templates) {
    for (const resource of Object.values((template['Resources'] ?? {}) as Record<string, Raw>)) {
      if (resource['Type'] !== 'AWS::CloudFormation::Stack') continue;
      const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify((resource['Properties'] as Raw | undefined)?.['TemplateURL']))?.[1];
      const child = hash ? templateByHash.get(hash) : undefined;
      if (child) parentOf.set(child, { templateFile, resource });
    }
  }

  const resources = (templateFile: string) => (templates.get(templateFile)?.['Resources'] ?? {}) as Record<string, Raw>;
  const childTemplateOf = (stackResource: Raw) => {
    const hash = /([0-9a-f]{64})\.json/.exec(JSON.stringify((stackResource['Properties'] as Raw | undefined)?.['TemplateURL']))?.[1];
    return hash ? templateByHash.get(hash) : undefined;
  };

  function ref(templateFile: string, name: string, depth: number): unknown {
    const pseudo = pseudoParameters[name];
    if (pseudo !== undefined) return pseudo;
    const parameters = (templates.get(templateFile)?.['Parameters'] ?? {}) as Record<string, Raw>;
    if (name in parameters) {
      const parent = parentOf.get(templateFile);
      const passed = ((parent?.resource['Properties'] as Raw | undefined)?.['Parameters'] as Raw | undefined)?.[name];
      if (parent && passed !== undefined) return evaluate(parent.templateFile, passed, depth + 1);
      return parameters[name]?.['Default'] ?? `<parameter ${name}>`;
    }
    const resource = resources(templateFile)[name];
    if (!resource) return `<unknown ${name}>`;
    const properties = (resource['Properties'] ?? {}) as Raw;
    switch (resource['Type']) {
      case 'AWS::AppSync::GraphQLApi':
        return `arn:aws:appsync:us-east-1:000000000000:apis/${localApiId}`;
      case 'AWS::AppSync::DataSource':
        return evaluate(templateFile, properties['Name'], depth + 1);
      case 'AWS::IAM::Role':
        return evaluate(templateFile, properties['RoleName'], depth + 1) ?? name;
      case 'AWS::Cognito::IdentityPool':
        return installIdPlaceholders.identityPoolId;
      case 'AWS::Cognito::UserPool':
        return installIdPlaceholders.userPoolId;
      case 'AWS::DynamoDB::Table':
      case 'Custom::AmplifyDynamoDBTable':
        return evaluate(templateFile, properties['TableName'] ?? properties['tableName'], depth + 1);
      default:
        return resourceHandle({ templateFile, logicalId: name });
    }
  }

  function getAtt(templateFile: string, logicalId: string, attribute: string, depth: number): unknown {
    const resource = resources(templateFile)[logicalId];
    if (!resource) return `<unknown ${logicalId}.${attribute}>`;
    const properties = (resource['Properties'] ?? {}) as Raw;
    const type = resource['Type'];
    if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const child = childTemplateOf(resource);
      const output = child ? ((templates.get(child)?.['Outputs'] ?? {}) as Record<string, Raw>)[attribute.slice('Outputs.'.length)] : undefined;
      return child && output ? evaluate(child, output['Value'], depth + 1) : `<unknown output ${attribute}>`;
    }
    if (type === 'AWS::AppSync::GraphQLApi' && attribute === 'ApiId') return localApiId;
    if (attribute === 'Name') return evaluate(templateFile, properties['Name'] ?? properties['name'], depth + 1);
    if (attribute === 'TableName') return evaluate(templateFile, properties['TableName'] ?? properties['tableName'], depth + 1);
    if (attribute === 'TableArn' || (attribute === 'Arn' && type === 'AWS::DynamoDB::Table')) {
      return `arn:aws:dynamodb:us-east-1:000000000000:table/${String(evaluate(templateFile, properties['TableName'] ?? properties['tableName'], depth + 1))}`;
    }
    if (attribute === 'Arn' && type === 'AWS::IAM::Role') return `arn:aws:iam::000000000000:role/${logicalId}`;
    return resourceHandle({ templateFile, logicalId });
  }

  function evaluate(templateFile: string, value: unknown, depth = 0): unknown {
    if (depth > 50) throw new Error(`CloudFormation value nested too deeply in ${templateFile}`);
    if (Array.isArray(value)) return value.map((entry) => evaluate(templateFile, entry, depth + 1));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Raw);
    const [only] = entries;
    if (entries.length === 1 && only) {
      const [key, argument] = only;
      switch (key) {
        case 'Ref':
          return ref(templateFile, String(argument), depth);
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split(/\.(.*)/);
          return getAtt(templateFile, String(logicalId), String(attribute), depth);
        }
        case 'Fn::Join': {
          const [separator, parts] = argument as [string, unknown[]];
          return (evaluate(templateFile, parts, depth + 1) as unknown[]).map(String).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = argument as [unknown, unknown];
          return (evaluate(templateFile, list, depth + 1) as unknown[])[Number(evaluate(templateFile, index, depth + 1))];
        }
        case 'Fn::Split': {
          const [separator, text] = argument as [string, unknown];
          return String(evaluate(templateFile, text, depth + 1)).split(separator);
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(argument) ? (argument as [string, Raw]) : [String(argument), {}];
          return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            if (name in variables) return String(evaluate(templateFile, variables[name], depth + 1));
            const [logicalId, attribute] = name.split(/\.(.*)/);
            return String(attribute ? getAtt(templateFile, logicalId ?? name, attribute, depth + 1) : ref(templateFile, name, depth + 1));
          });
        }
        default:
          if (key.startsWith('Fn::')) return `<${key}>`;
      }
    }
    return Object.fromEntries(entries.map(([key, entry]) => [key, evaluate(templateFile, entry, depth + 1)]));
  }

  return {
    evaluate: (templateFile, value) => evaluate(templateFile, value),
    resourceFor(handle) {
      const match = typeof handle === 'string' ? /^resource:(.+)#(.+)$/.exec(handle) : null;
      if (!match) return undefined;
      const [, templateFile = '', logicalId = ''] = match;
      const raw = resources(templateFile)[logicalId];
      return raw ? { templateFile, logicalId, type: String(raw['Type']), properties: (raw['Properties'] ?? {}) as Raw } : undefined;
    },
  };
}
