/**
 * How long the generated VTL of a whole pipeline takes to render: Query.getExam and
 * Query.listResults for an identity-pool guest, Mutation.createResult for a user-pool owner.
 * Prints figures, asserts nothing. `pnpm --filter @exam-results/appsync-vtl bench [N]`
 */
import { synthesizeBackend, type AppSyncResolver } from '@exam-results/amplify-synth';
import { compileTemplate, parseMappingOutput, type AuthType, type CompiledTemplate, type TemplateContext } from '../src/index';

const iterations = Number(process.argv[2] ?? 2000);
const rounds = 7;
const now = () => Date.UTC(2026, 0, 2, 3, 4, 5, 6);
const log = () => {};

interface Step {
  name: string;
  template: CompiledTemplate;
  kind: 'before' | 'request' | 'response' | 'after';
  dataSource?: string;
}

const backend = await synthesizeBackend();
const fix = (text: string | undefined) => text?.replaceAll('<local identity pool id>', 'local:identity-pool');

function steps(resolver: AppSyncResolver): Step[] {
  const name = `${resolver.typeName}.${resolver.fieldName}`;
  const list: Step[] = [];
  const add = (text: string | undefined, label: string, kind: Step['kind'], dataSource?: string) => {
    const source = fix(text);
    if (source !== undefined) list.push({ name: label, template: compileTemplate(source, label), kind, ...(dataSource ? { dataSource } : {}) });
  };
  add(resolver.requestMappingTemplate, `${name} before`, 'before');
  for (const fn of resolver.functions) {
    add(fn.requestMappingTemplate, `${fn.name} req`, 'request', fn.dataSourceName);
    add(fn.responseMappingTemplate, `${fn.name} res`, 'response', fn.dataSourceName);
  }
  add(resolver.responseMappingTemplate, `${name} after`, 'after');
  return list;
}

const item = { id: 'exam-1', __typename: 'Result', examId: 'exam-1', student: 'Ada', fullName: 'Ada Lovelace', grade: 'A', examResultsId: 'exam-1', owner: 'owner-sub::owner-sub', createdAt: '2026-01-02T03:04:05.006Z', updatedAt: '2026-01-02T03:04:05.006Z' };

/** What a data source would answer a request (enough for the response templates' paths). */
function dataSourceResult(request: unknown): unknown {
  const operation = (request as { operation?: string } | null)?.operation;
  if (operation === 'Query' || operation === 'Scan') return { items: [item, { ...item, id: 'exam-2' }], nextToken: null };
  if (operation === 'GetItem' || operation === 'PutItem' || operation === 'UpdateItem') return { ...item };
  return (request as { payload?: unknown } | null)?.payload ?? {};
}

const guestArn = (() => {
  const list = backend.appSync.resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'listExams') as AppSyncResolver;
  const context = baseContext(null, {});
  compileTemplate(fix(list.requestMappingTemplate) ?? '', 'listExams before').render(context, { authType: 'IAM Authorization', now, log });
  return String(context.stash['unauthRole']);
})();

function baseContext(identity: Record<string, unknown> | null, args: Record<string, unknown>, field = 'getExam', type = 'Query'): TemplateContext {
  return {
    args,
    source: null,
    identity,
    stash: {},
    prev: { result: null },
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    info: { fieldName: field, parentTypeName: type, variables: {}, selectionSetList: ['id', 'name'], selectionSetGraphQL: '{ id name }' },
  };
}

const guest = {
  accountId: '000000000000',
  cognitoIdentityPoolId: 'local:identity-pool',
  cognitoIdentityId: 'local:guest',
  sourceIp: ['127.0.0.1'],
  username: 'AROALOCAL:CognitoIdentityCredentials',
  userArn: guestArn,
  cognitoIdentityAuthType: 'unauthenticated',
  cognitoIdentityAuthProvider: null,
};
const ownerClaims = { sub: 'owner-sub', 'cognito:username': 'owner-sub', username: 'owner-sub', email: 'teacher@example.com' };
const owner = { sub: 'owner-sub', issuer: 'https://cognito-idp.local/pool', username: 'owner-sub', claims: ownerClaims, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null };

interface Case {
  label: string;
  steps: Step[];
  authType: AuthType;
  context: () => TemplateContext;
}

function pipeline(typeName: string, fieldName: string): Step[] {
  const found = backend.appSync.resolvers.find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!found) throw new Error(`${typeName}.${fieldName} has no resolver`);
  return steps(found);
}

const cases: Case[] = [
  { label: 'Query.getExam (IAM guest)', steps: pipeline('Query', 'getExam'), authType: 'IAM Authorization', context: () => baseContext(guest, { id: 'exam-1' }) },
  { label: 'Query.listResults (IAM guest)', steps: pipeline('Query', 'listResults'), authType: 'IAM Authorization', context: () => baseContext(guest, { limit: 10 }, 'listResults') },
  {
    label: 'Mutation.createResult (user-pool owner)',
    steps: pipeline('Mutation', 'createResult'),
    authType: 'User Pool Authorization',
    context: () => baseContext(owner, { input: { examId: 'exam-1', student: 'Ada', fullName: 'Ada Lovelace', grade: 'A' } }, 'createResult', 'Mutation'),
  },
];

const stepTimes = new Map<string, number>();

/** Runs the pipeline once as AppSync does; `timed` adds each template's time. */
function run(c: Case, timed: boolean): void {
  const context = c.context();
  const environment = { authType: c.authType, now, log };
  for (const step of c.steps) {
    const started = timed ? performance.now() : 0;
    const result = step.template.render(context, environment);
    if (timed) stepTimes.set(step.name, (stepTimes.get(step.name) ?? 0) + performance.now() - started);
    if (result.error) throw new Error(`${step.name}: ${result.error.message}`);
    const value = result.returned ? result.returned.value : parseMappingOutput(result.output);
    if (step.kind === 'request') context.result = dataSourceResult(value);
    else if (step.kind === 'response') {
      context.prev = { result: value };
      context.result = null;
    } else if (step.kind === 'before') context.prev = { result: value };
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

console.log(`node ${process.version}, ${iterations} runs x ${rounds} rounds per pipeline`);
for (const c of cases) {
  for (let i = 0; i < 300; i++) run(c, false);
  const perRun: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) run(c, false);
    perRun.push(((performance.now() - started) * 1000) / iterations);
  }
  stepTimes.clear();
  for (let i = 0; i < iterations; i++) run(c, true);
  console.log(`\n${c.label}: ${median(perRun).toFixed(1)} µs per pipeline (median of ${rounds}; rounds ${perRun.map((t) => t.toFixed(0)).join(' ')})`);
  for (const step of c.steps) console.log(`  ${(((stepTimes.get(step.name) ?? 0) * 1000) / iterations).toFixed(1).padStart(7)} µs  ${step.name}`);
}
