import type { SplicedFunction } from './spliced-functions';

const readExam = { model: 'Exam', actions: ['dynamodb:GetItem'] };
const code = (file: string) => new URL(`./resolvers/${file}`, import.meta.url);

/**
 * Every way a guest reads results, held back until the exam's release (amplify/README.md,
 * "Releasing results"): the index query the apps read, the relationship, the generated get and
 * list, and the three subscriptions, which a withdrawn release closes.
 */
export const releaseGates: SplicedFunction[] = [
  { resolver: 'Exam.results', at: { before: 'ExamResultsDataResolverFn' }, code: code('results-field-release.ts') },
  { resolver: 'Query.getResult', at: { after: 'QueryGetResultDataResolverFn' }, reads: readExam, code: code('get-result-release.ts') },
  { resolver: 'Query.listResults', at: { after: 'QueryListResultsDataResolverFn' }, reads: readExam, code: code('list-results-release.ts') },
  { resolver: 'Query.listResultsByExam', at: { after: 'QueryListResultsByExamDataResolverFn' }, reads: readExam, code: code('list-results-release.ts') },
  ...(['Create', 'Update', 'Delete'] as const).map(
    (kind): SplicedFunction => ({
      resolver: `Subscription.on${kind}Result`,
      at: { after: `SubscriptionOn${kind}ResultDataResolverFn` },
      reads: readExam,
      code: code('subscription-release.ts'),
    }),
  ),
  { resolver: 'Mutation.updateExam', at: { after: 'MutationUpdateExamDataResolverFn' }, code: code('release-invalidation.ts') },
];
