import { a, defineData, type ClientSchema } from '@aws-amplify/backend';
import { limits } from './limits';

// The owner may read and delete, never hand a record to someone else; guests read who owns
// it, so a page can tell that a result belongs to its exam's teacher.
const ownerField = () => a.string().authorization((allow) => [allow.owner().to(['read', 'delete']), allow.guest().to(['read'])]);

// The apps choose each record's id, so that a create sent again after a lost answer finds its
// first copy (the generated create's `attribute_not_exists(id)` condition) instead of adding a
// second row, and an optimistic row keeps its id. Because `owner` has rules of its own, the
// generated create lists the fields an owner may write, and leaves out `id` unless it has a rule.
const idField = () => a.id().required().authorization((allow) => [allow.owner(), allow.guest().to(['read'])]);

const text = (name: string, max: number) => (v: { minLength(n: number, message: string): { maxLength(n: number, message: string): unknown } }) =>
  v.minLength(1, `${name} cannot be empty.`).maxLength(max, `${name} is at most ${max} characters.`);

const schema = a.schema({
  Exam: a
    .model({
      id: idField(),
      subject: a.string().required().validate(text('The subject', limits.subject)),
      date: a.date().required(),
      teacher: a.string().required().validate(text("The teacher's name", limits.teacher)),
      // How the exam is graded; left out, grades are read as they come (exams from before it existed).
      grading: a.enum(['letters', 'percentage', 'points']),
      maxPoints: a.integer().validate((v) => v.gt(0, 'Points are out of a positive number.').lt(limits.maxPoints + 1, `An exam is out of ${limits.maxPoints} points at most.`)),
      // The lowest grade that passes, on the exam's scale (a letter, a percentage, points); none: no pass rate is shown.
      passMark: a.string().validate((v) => v.maxLength(limits.grade, `A pass mark is at most ${limits.grade} characters.`)),
      // When guests see the results (resolvers/release-gate.ts): left out or 'live', as they are entered (every exam
      // from before releases existed); 'held', from `releaseAt` on, and never while `releaseAt` is empty.
      release: a.enum(['live', 'held']),
      releaseAt: a.datetime(),
      // One value for every exam, so that the student list reads the most recent exams from an index, a page at a time.
      shelf: a.string().default('exams'),
      owner: ownerField(),
      results: a.hasMany('Result', 'examId'),
    })
    .secondaryIndexes((index) => [index('shelf').sortKeys(['date']).queryField('listExamsByDate'), index('owner').sortKeys(['date']).queryField('listExamsByOwner')])
    .authorization((allow) => [allow.owner(), allow.guest().to(['read'])]),

  Result: a
    .model({
      id: idField(),
      // What students see, chosen by the teacher: a first name, initials, a candidate number.
      student: a.string().required().validate(text('The name students see', limits.student)),
      // Only the teacher reads it: AppSync refuses it to guests, in queries and in subscriptions.
      fullName: a.string().validate((v) => v.maxLength(limits.fullName, `The full name is at most ${limits.fullName} characters.`)).authorization((allow) => [allow.owner()]),
      grade: a.string().required().validate(text('The grade', limits.grade)),
      examId: a.id().required(),
      exam: a.belongsTo('Exam', 'examId'),
      // Declared, so that the app may send it: a result brought back by Undo, or imported with others at once, keeps
      // its place in the order entered. The model transformer leaves a declared timestamp optional in the create
      // input, and the generated create stamps the time when it is left out (amplify/README.md, "Order entered").
      createdAt: a.datetime(),
      owner: ownerField(),
    })
    .secondaryIndexes((index) => [index('examId').queryField('listResultsByExam')])
    .authorization((allow) => [allow.owner(), allow.guest().to(['read'])]),
});

export type Schema = ClientSchema<typeof schema>;

export { schema };

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
  },
  // Failed requests are logged so an incident can be investigated, without the queries, variables and resolved
  // templates that would copy students' names and grades into CloudWatch, and only for a month.
  logging: {
    fieldLogLevel: 'error',
    excludeVerboseContent: true,
    retention: '1 month',
  },
});
