import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

// A Gen 2 backend the product does not have, served by the local backend with no change to its
// code: a secondary index with its query field, a group rule, an authenticated-users rule, a
// field with rules of its own and a custom query whose handler is VTL (backend.ts).
const schema = a.schema({
  Course: a
    .model({
      title: a.string().required(),
      // Only its owner and the Admins group read it; other signed-in users get Unauthorized.
      notes: a.string().authorization((allow) => [allow.owner(), allow.group('Admins')]),
      enrollments: a.hasMany('Enrollment', 'courseId'),
      // As in the product: owners never hand a course to someone else. With it, owners may no longer
      // write every field, and the generated create lists the fields they may: `id` is not one.
      owner: a.string().authorization((allow) => [allow.owner().to(['read', 'delete']), allow.authenticated().to(['read'])]),
    })
    .authorization((allow) => [allow.owner(), allow.group('Admins'), allow.authenticated().to(['read'])]),

  Enrollment: a
    .model({
      courseId: a.id().required(),
      course: a.belongsTo('Course', 'courseId'),
      student: a.string().required(),
      score: a.integer().required(),
    })
    .secondaryIndexes((index) => [index('courseId').sortKeys(['score']).queryField('enrollmentsByCourse')])
    .authorization((allow) => [allow.owner(), allow.authenticated().to(['read'])]),

  CourseCount: a.customType({ total: a.integer().required() }),

  countCourses: a
    .query()
    .returns(a.ref('CourseCount'))
    .authorization((allow) => [allow.authenticated()])
    // Gen 2 needs a handler here; backend.ts replaces its resolver by VTL.
    .handler(a.handler.custom({ dataSource: a.ref('Course'), entry: './replaced-by-vtl.js' })),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'userPool' } });
