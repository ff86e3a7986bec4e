import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Exam: a
    .model({
      subject: a.string().required(),
      date: a.date().required(),
      teacher: a.string().required(),
      results: a.hasMany('Result', 'examId'),
    })
    .authorization((allow) => [allow.owner(), allow.guest().to(['read'])]),

  Result: a
    .model({
      student: a.string().required(),
      grade: a.string().required(),
      examId: a.id().required(),
      exam: a.belongsTo('Exam', 'examId'),
    })
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
