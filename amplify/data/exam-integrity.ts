import type { SplicedFunction } from './spliced-functions';

const readExam = { model: 'Exam', actions: ['dynamodb:GetItem'] };

/** The checks that keep results under their owner's exams (amplify/README.md, "Integrity between teachers"). */
export const examIntegrityChecks: SplicedFunction[] = [
  { resolver: 'Mutation.createResult', at: { before: 'MutationCreateResultDataResolverFn' }, reads: readExam, code: new URL('./resolvers/require-exam-owner.ts', import.meta.url) },
  { resolver: 'Mutation.updateResult', at: { before: 'MutationUpdateResultDataResolverFn' }, reads: readExam, code: new URL('./resolvers/require-exam-owner.ts', import.meta.url) },
  { resolver: 'Mutation.deleteExam', at: { before: 'MutationDeleteExamDataResolverFn' }, reads: { model: 'Result', actions: ['dynamodb:Query'] }, code: new URL('./resolvers/refuse-exam-with-results.ts', import.meta.url) },
];
