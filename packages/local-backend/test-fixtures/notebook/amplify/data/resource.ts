import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Note: a
    .model({
      title: a.string().required(),
      body: a.string(),
      likes: a.integer(),
    })
    .authorization((allow) => [allow.owner(), allow.guest().to(['read'])]),

  notesTitled: a
    .query()
    .arguments({ prefix: a.string().required() })
    .returns(a.ref('Note').array())
    .authorization((allow) => [allow.authenticated()])
    .handler(a.handler.custom({ dataSource: a.ref('Note'), entry: './notes-titled.js' })),

  likeNote: a
    .mutation()
    .arguments({ id: a.id().required() })
    .returns(a.ref('Note'))
    .authorization((allow) => [allow.authenticated()])
    .handler([
      a.handler.custom({ dataSource: a.ref('Note'), entry: './require-note.js' }),
      a.handler.custom({ dataSource: a.ref('Note'), entry: './increment-likes.js' }),
    ]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'userPool' } });
