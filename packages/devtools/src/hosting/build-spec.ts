import { parse } from 'yaml';

/** The commands of one section (backend or frontend) of an app, phase by phase, in the order Hosting runs them. */
interface Phases {
  preBuild: string[];
  build: string[];
  postBuild: string[];
}

export const PHASES = ['preBuild', 'build', 'postBuild'] as const;

/** One entry of `applications:` in a monorepo amplify.yml. */
export interface HostedApp {
  appRoot: string;
  variables: Record<string, string>;
  backend?: Phases;
  frontend: Phases;
  artifacts: { baseDirectory: string; files: string[] };
}

export class BuildSpecError extends Error {
  override name = 'BuildSpecError';
}

type Node = Record<string, unknown>;

function object(value: unknown, where: string): Node {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BuildSpecError(`amplify.yml: ${where} must be a mapping`);
  return value as Node;
}

/** Refuses keys the rehearsal would otherwise silently ignore, so what it checks is what Hosting runs. */
function onlyKeys(node: Node, allowed: string[], where: string): void {
  const unknown = Object.keys(node).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new BuildSpecError(`amplify.yml: ${unknown.map((key) => `${where}.${key}`).join(', ')} is not rehearsed (known here: ${allowed.join(', ')})`);
  }
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BuildSpecError(`amplify.yml: ${where} must be a non-empty string`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) throw new BuildSpecError(`amplify.yml: ${where} must be a list`);
  return value.map((item, index) => string(item, `${where}[${index}]`));
}

// The rehearsal stands in for `npx ampx …` only; any other way of calling ampx would reach for AWS.
function assertRehearsable(command: string, where: string): void {
  const calls = command.match(/\bampx\b/g)?.length ?? 0;
  const viaNpx = command.match(/\bnpx ampx\b/g)?.length ?? 0;
  if (calls !== viaNpx) throw new BuildSpecError(`amplify.yml: ${where} calls ampx other than as \`npx ampx\`, which is the only form the rehearsal replaces`);
}

function phases(value: unknown, where: string): Phases {
  const node = object(value, where);
  onlyKeys(node, [...PHASES], where);
  const result: Phases = { preBuild: [], build: [], postBuild: [] };
  for (const phase of PHASES) {
    if (node[phase] === undefined) continue;
    const phaseNode = object(node[phase], `${where}.${phase}`);
    onlyKeys(phaseNode, ['commands'], `${where}.${phase}`);
    result[phase] = strings(phaseNode['commands'], `${where}.${phase}.commands`);
    result[phase].forEach((command, index) => assertRehearsable(command, `${where}.${phase}.commands[${index}]`));
  }
  return result;
}

function app(value: unknown, where: string): HostedApp {
  const node = object(value, where);
  onlyKeys(node, ['appRoot', 'env', 'backend', 'frontend'], where);
  const appRoot = string(node['appRoot'], `${where}.appRoot`);
  if (appRoot.startsWith('/') || appRoot.split('/').includes('..')) throw new BuildSpecError(`amplify.yml: ${where}.appRoot must be a path inside the repository`);

  const variables: Record<string, string> = {};
  if (node['env'] !== undefined) {
    const env = object(node['env'], `${where}.env`);
    onlyKeys(env, ['variables'], `${where}.env`);
    for (const [name, variable] of Object.entries(object(env['variables'], `${where}.env.variables`))) {
      variables[name] = string(String(variable), `${where}.env.variables.${name}`);
    }
  }

  let backend: Phases | undefined;
  if (node['backend'] !== undefined) {
    const backendNode = object(node['backend'], `${where}.backend`);
    onlyKeys(backendNode, ['phases'], `${where}.backend`);
    backend = phases(backendNode['phases'], `${where}.backend.phases`);
  }

  const frontend = object(node['frontend'], `${where}.frontend`);
  // The cache only speeds up later builds; a rehearsal is always a first, cold build.
  onlyKeys(frontend, ['phases', 'artifacts', 'cache'], `${where}.frontend`);
  const artifacts = object(frontend['artifacts'], `${where}.frontend.artifacts`);
  onlyKeys(artifacts, ['baseDirectory', 'files'], `${where}.frontend.artifacts`);
  return {
    appRoot,
    variables,
    ...(backend ? { backend } : {}),
    frontend: phases(frontend['phases'], `${where}.frontend.phases`),
    artifacts: {
      baseDirectory: string(artifacts['baseDirectory'], `${where}.frontend.artifacts.baseDirectory`),
      files: strings(artifacts['files'], `${where}.frontend.artifacts.files`),
    },
  };
}

/** Reads a monorepo amplify.yml (version 1, `applications:` with an `appRoot` each). */
export function parseBuildSpec(text: string): HostedApp[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new BuildSpecError(`amplify.yml is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = object(document, 'the document');
  onlyKeys(root, ['version', 'applications'], 'the document');
  if (root['version'] !== 1) throw new BuildSpecError('amplify.yml: version must be 1');
  if (!Array.isArray(root['applications']) || root['applications'].length === 0) {
    throw new BuildSpecError('amplify.yml: applications must list the apps of the monorepo, each with an appRoot');
  }
  const apps = root['applications'].map((entry, index) => app(entry, `applications[${index}]`));
  const roots = apps.map((entry) => entry.appRoot);
  const repeated = roots.find((root, index) => roots.indexOf(root) !== index);
  if (repeated) throw new BuildSpecError(`amplify.yml: appRoot ${repeated} is listed twice`);
  if (apps.filter((entry) => entry.backend).length > 1) throw new BuildSpecError('amplify.yml: more than one app deploys the backend');
  return apps;
}
