import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller } from '../caller';
import { matchesFilter } from './filter-expression';
import { authorizeCreate, mayModify, readAccess } from './model-auth';
import { parseAuthRules, type ModelInfo } from './model-catalog';

function model(rules: Record<string, unknown>[], listFields: string[] = []): ModelInfo {
  return {
    name: 'Note',
    keyFields: ['id'],
    generatesId: true,
    createdAtField: 'createdAt',
    updatedAtField: 'updatedAt',
    authRules: parseAuthRules('Note', [{ type: 'auth', properties: { rules } }]),
    fieldDirectives: new Map(),
    relations: new Map(),
    isListField: (field) => listFields.includes(field),
  };
}

const ada: Caller = { kind: 'userPool', sub: 'sub-ada', username: 'ada', claims: { 'cognito:groups': ['teachers'] } };
const bob: Caller = { kind: 'userPool', sub: 'sub-bob', username: 'bob', claims: {} };
const guest: Caller = { kind: 'iam', identityId: 'us-east-1:g', authenticated: false, accessKeyId: 'ASIAGUEST' };
const member: Caller = { kind: 'iam', identityId: 'us-east-1:m', authenticated: true, accessKeyId: 'ASIAMEMBER' };

const ownerAndGuestRead = model([
  { allow: 'owner', provider: 'userPools', ownerField: 'owner', operations: ['create', 'update', 'delete', 'read'] },
  { allow: 'public', provider: 'identityPool', operations: ['read'] },
]);

test('owner rules: items are created as <sub>::<username>, and sub-only or username-only owners still match', () => {
  const created = authorizeCreate(ownerAndGuestRead, ada, { text: 'hi' });
  assert.deepEqual(created, { text: 'hi', owner: 'sub-ada::ada' });
  for (const owner of ['sub-ada::ada', 'sub-ada', 'ada']) {
    assert.equal(mayModify(ownerAndGuestRead, ada, 'update', { owner }), true, owner);
    assert.equal(mayModify(ownerAndGuestRead, bob, 'delete', { owner }), false, owner);
  }
  assert.equal(mayModify(ownerAndGuestRead, ada, 'update', undefined), false, 'no item: the owner check fails');
  const access = readAccess(ownerAndGuestRead, ada, 'list');
  assert.equal(access.kind, 'owner');
  if (access.kind !== 'owner') return;
  assert.equal(matchesFilter({ owner: 'sub-ada::ada' }, access.filter), true);
  assert.equal(matchesFilter({ owner: 'sub-bob::bob' }, access.filter), false);
});

test('owner rules: an owner given in the input must be the caller', () => {
  assert.deepEqual(authorizeCreate(ownerAndGuestRead, ada, { owner: 'ada' }), { owner: 'ada' });
  assert.equal(authorizeCreate(ownerAndGuestRead, ada, { owner: 'sub-bob::bob' }), undefined);
  assert.equal(authorizeCreate(ownerAndGuestRead, ada, { owner: null }), undefined);
});

test('identity pool rules: public is the guest role only, private the signed-in role only', () => {
  assert.deepEqual(readAccess(ownerAndGuestRead, guest, 'get'), { kind: 'all' });
  assert.deepEqual(readAccess(ownerAndGuestRead, member, 'get'), { kind: 'denied' });
  assert.equal(authorizeCreate(ownerAndGuestRead, guest, {}), undefined);
  assert.equal(mayModify(ownerAndGuestRead, guest, 'delete', { owner: 'x' }), false);

  const signedInIdentities = model([{ allow: 'private', provider: 'identityPool', operations: ['read', 'create'] }]);
  assert.deepEqual(readAccess(signedInIdentities, member, 'list'), { kind: 'all' });
  assert.deepEqual(readAccess(signedInIdentities, guest, 'list'), { kind: 'denied' });
  assert.deepEqual(authorizeCreate(signedInIdentities, member, { a: 1 }), { a: 1 });
  assert.equal(mayModify(signedInIdentities, member, 'update', { a: 1 }), false);
});

test('private and group user pool rules cover every item; operations limit every rule', () => {
  const rules = model([
    { allow: 'private', provider: 'userPools', operations: ['read'] },
    { allow: 'groups', groups: ['teachers'], operations: ['update'] },
  ]);
  assert.deepEqual(readAccess(rules, bob, 'get'), { kind: 'all' });
  assert.equal(mayModify(rules, ada, 'update', { owner: 'someone' }), true, 'ada is in the teachers group');
  assert.equal(mayModify(rules, bob, 'update', { owner: 'someone' }), false);
  assert.equal(mayModify(rules, ada, 'delete', { owner: 'someone' }), false);
  assert.equal(authorizeCreate(rules, ada, {}), undefined);
  assert.deepEqual(readAccess(rules, guest, 'get'), { kind: 'denied' });
});

test('Gen 2 fine-grained read operations: get without list', () => {
  const getOnly = model([{ allow: 'owner', ownerField: 'owner', operations: ['get', 'create'] }]);
  assert.equal(readAccess(getOnly, ada, 'get').kind, 'owner');
  assert.equal(readAccess(getOnly, ada, 'list').kind, 'denied');
});

test('a list owner field: any listed owner may act, and the creator becomes the first owner', () => {
  const shared = model([{ allow: 'owner', ownerField: 'editors' }], ['editors']);
  assert.deepEqual(authorizeCreate(shared, ada, {}), { editors: ['sub-ada::ada'] });
  assert.equal(mayModify(shared, bob, 'update', { editors: ['sub-ada::ada', 'bob'] }), true);
  const access = readAccess(shared, bob, 'list');
  assert.equal(access.kind === 'owner' && matchesFilter({ editors: ['x', 'sub-bob'] }, access.filter), true);
});

test('unknown rule kinds are refused when the schema is loaded', () => {
  assert.throws(() => model([{ allow: 'everyone' }]), /unknown kind "everyone"/);
});
