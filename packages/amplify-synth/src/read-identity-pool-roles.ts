import type { CloudAssembly } from './cloud-assembly';
import { createCfnValues } from './cfn-values';

/** One statement of an IAM policy attached to an identity pool role, values filled in. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

/** What the identity pool's roles may do: guests take the unauthenticated one. */
export interface IdentityPoolRoles {
  unauthenticated: PolicyStatement[];
  authenticated: PolicyStatement[];
  /** The roles' names, as `ctx.identity.userArn` of their credentials names them (`assumed-role/<name>/…`). */
  roleNames: { unauthenticated: string | undefined; authenticated: string | undefined };
}

type Raw = Record<string, unknown>;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const roleName = (value: unknown): string => String(value).replace(/^arn:[^:]*:iam::\d*:role\//, '');

export function readIdentityPoolRoles(assembly: CloudAssembly): IdentityPoolRoles {
  const values = createCfnValues(assembly.dir, assembly.templates);
  const [attachment] = assembly.resourcesOfType('AWS::Cognito::IdentityPoolRoleAttachment');
  const roles = attachment ? (values.evaluate(attachment.templateFile, attachment.properties['Roles']) as Raw) : {};
  const statementsFor = (role: unknown): PolicyStatement[] => {
    if (role === undefined) return [];
    const name = roleName(role);
    const documents: unknown[] = [];
    for (const type of ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy']) {
      for (const policy of assembly.resourcesOfType(type)) {
        const attached = list(values.evaluate(policy.templateFile, policy.properties['Roles'])).map(roleName);
        if (attached.includes(name)) documents.push(values.evaluate(policy.templateFile, policy.properties['PolicyDocument']));
      }
    }
    for (const resource of assembly.resourcesOfType('AWS::IAM::Role')) {
      if (resource.logicalId !== name) continue;
      for (const inline of list(resource.properties['Policies'])) documents.push(values.evaluate(resource.templateFile, (inline as Raw)['PolicyDocument']));
    }
    return documents.flatMap((document) =>
      list((document as Raw | undefined)?.['Statement']).map((statement) => {
        const raw = statement as Raw;
        return {
          effect: raw['Effect'] === 'Deny' ? 'Deny' : 'Allow',
          actions: list(raw['Action']).map(String),
          resources: list(raw['Resource']).map(String),
        } satisfies PolicyStatement;
      }),
    );
  };
  return {
    unauthenticated: statementsFor(roles['unauthenticated']),
    authenticated: statementsFor(roles['authenticated']),
    roleNames: {
      unauthenticated: roles['unauthenticated'] === undefined ? undefined : roleName(roles['unauthenticated']),
      authenticated: roles['authenticated'] === undefined ? undefined : roleName(roles['authenticated']),
    },
  };
}
