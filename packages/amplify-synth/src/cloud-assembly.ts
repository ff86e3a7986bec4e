import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Template = Record<string, unknown>;

/** One resource of a CloudFormation template in the assembly. */
export interface AssemblyResource {
  /** The template file that declares it, relative to the assembly directory. */
  templateFile: string;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

/** The parts of a CDK cloud assembly every reading is made from. */
export interface CloudAssembly {
  dir: string;
  /** Every `*.template.json` of the assembly (the root stack and its nested stacks), by file name. */
  templates: ReadonlyMap<string, Template>;
  /** Every resource of the given type (`AWS::AppSync::Resolver`, ...) in any template. */
  resourcesOfType(type: string): AssemblyResource[];
  /**
   * The text of the file asset a property points at: `location` is any value holding
   * one `<sha256>.<extension>` asset key (an S3 location such as `DefinitionS3Location`
   * or `CodeS3Location`, or the key itself).
   */
  readAsset(location: unknown): string;
  /** The outputs of the one top-level stack whose values are literals. */
  rootStackOutputs(): Record<string, string>;
  /** The one top-level stack: the name it deploys as, its template's Metadata and the names of all its outputs. */
  rootStack(): RootStack;
}

export interface RootStack {
  /** The CloudFormation stack name (`amplify-<namespace>-<name>-sandbox-<hash>` for a sandbox). */
  name: string;
  /** The template's `Metadata` section, which says which outputs make up each part of amplify_outputs.json. */
  metadata: Record<string, unknown>;
  /** Every output, literal or not, in template order. */
  outputNames: string[];
}

function resourcesOf(templateFile: string, template: Template): AssemblyResource[] {
  const resources = template['Resources'];
  if (typeof resources !== 'object' || resources === null) return [];
  return Object.entries(resources as Record<string, { Type?: unknown; Properties?: unknown }>).map(([logicalId, resource]) => ({
    templateFile,
    logicalId,
    type: String(resource.Type),
    properties: (resource.Properties ?? {}) as Record<string, unknown>,
  }));
}

export function openCloudAssembly(dir: string): CloudAssembly {
  const readJson = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Template;
  const templates = new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.template.json'))
      .sort()
      .map((file) => [file, readJson(file)] as const),
  );
  const resources = [...templates].flatMap(([file, template]) => resourcesOf(file, template));

  return {
    dir,
    templates,
    resourcesOfType: (type) => resources.filter((resource) => resource.type === type),
    readAsset(location) {
      const keys = [...new Set([...(JSON.stringify(location) ?? '').matchAll(/[0-9a-f]{64}\.\w+/g)].map(([key]) => key))];
      const [key, ...others] = keys;
      if (!key || others.length > 0) throw new Error(`expected one asset key in ${JSON.stringify(location)}, found ${keys.length}`);
      return readFileSync(join(dir, `asset.${key}`), 'utf8');
    },
    rootStackOutputs() {
      const outputs: Record<string, string> = {};
      for (const [name, output] of Object.entries((topLevelStack().template['Outputs'] ?? {}) as Record<string, { Value?: unknown }>)) {
        if (typeof output.Value === 'string') outputs[name] = output.Value;
      }
      return outputs;
    },
    rootStack() {
      const { name, template } = topLevelStack();
      return {
        name,
        metadata: (template['Metadata'] ?? {}) as Record<string, unknown>,
        outputNames: Object.keys((template['Outputs'] ?? {}) as Record<string, unknown>),
      };
    },
  };

  function topLevelStack(): { name: string; template: Template } {
    const manifest = readJson('manifest.json') as {
      artifacts?: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
    };
    const stacks = Object.entries(manifest.artifacts ?? {}).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
    const [stack, ...others] = stacks;
    const templateFile = stack?.[1].properties?.templateFile;
    const template = templateFile === undefined ? undefined : templates.get(templateFile);
    if (!stack || !template || others.length > 0) throw new Error(`expected one top-level stack in the cloud assembly ${dir}`);
    return { name: stack[1].properties?.stackName ?? stack[0], template };
  }
}
