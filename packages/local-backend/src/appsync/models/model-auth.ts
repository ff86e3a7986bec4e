import type { Caller, UserPoolCaller } from '../caller';
import type { Filter } from './filter-expression';
import type { AuthRule, ModelInfo } from './model-catalog';
import type { Item } from '../../shared/values';

export type ReadOperation = 'get' | 'list' | 'listen';
type WriteOperation = 'create' | 'update' | 'delete';
type Operation = ReadOperation | WriteOperation;

/**
 * What a read may return: every item, only the caller's own items (`filter`, applied
 * after the storage limit as the generated resolvers do), or nothing at all.
 */
export type ReadAccess = { kind: 'all' } | { kind: 'owner'; filter: Filter } | { kind: 'denied' };

function permits(rule: AuthRule, operation: Operation): boolean {
  if (rule.operations.has(operation)) return true;
  return rule.operations.has('read') && (operation === 'get' || operation === 'list' || operation === 'listen');
}

/** Identity-pool rules: `public` means the unauthenticated role, `private` the authenticated one. */
function iamRuleApplies(rule: AuthRule, authenticated: boolean): boolean {
  if (rule.provider !== 'identityPool' && rule.provider !== 'iam') return false;
  return rule.allow === (authenticated ? 'private' : 'public');
}

function groupsOf(caller: UserPoolCaller, claim: string): string[] {
  const value = caller.claims[claim];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}

/** Rules that authorize a user pool caller for the whole model, whatever the item. */
function userPoolRuleApplies(rule: AuthRule, caller: UserPoolCaller): boolean {
  if (rule.provider !== 'userPools') return false;
  if (rule.allow === 'private') return true;
  if (rule.allow !== 'groups') return false;
  const groups = groupsOf(caller, rule.groupClaim);
  return rule.groups.some((group) => groups.includes(group));
}

/**
 * The values an owner field may hold for this caller. The generated resolvers store
 * `<sub>::<username>` and still honour items written with just the sub or the username.
 */
function ownerValue(caller: UserPoolCaller): string {
  return `${caller.sub}::${caller.username}`;
}

function ownerClaims(caller: UserPoolCaller): string[] {
  return [ownerValue(caller), caller.sub, caller.username];
}

function ownedBy(item: Item, field: string, caller: UserPoolCaller): boolean {
  const value = item[field];
  const claims = ownerClaims(caller);
  if (Array.isArray(value)) return value.some((owner) => claims.includes(owner as string));
  return typeof value === 'string' && claims.includes(value);
}

function ownerRules(model: ModelInfo, operation: Operation): AuthRule[] {
  return model.authRules.filter((rule) => rule.allow === 'owner' && rule.provider === 'userPools' && permits(rule, operation));
}

export function readAccess(model: ModelInfo, caller: Caller, operation: ReadOperation): ReadAccess {
  const rules = model.authRules.filter((rule) => permits(rule, operation));
  if (caller.kind === 'iam') {
    return rules.some((rule) => iamRuleApplies(rule, caller.authenticated)) ? { kind: 'all' } : { kind: 'denied' };
  }
  if (rules.some((rule) => userPoolRuleApplies(rule, caller))) return { kind: 'all' };
  const alternatives: Filter[] = ownerRules(model, operation).flatMap((rule) =>
    ownerClaims(caller).map((claim) =>
      model.isListField(rule.ownerField) ? { [rule.ownerField]: { contains: claim } } : { [rule.ownerField]: { eq: claim } },
    ),
  );
  return alternatives.length > 0 ? { kind: 'owner', filter: { or: alternatives } } : { kind: 'denied' };
}

/**
 * Authorizes a create and fills in the owner fields the caller left out, as the
 * generated resolvers do. Returns the input to store, or undefined when refused.
 */
export function authorizeCreate(model: ModelInfo, caller: Caller, input: Item): Item | undefined {
  const rules = model.authRules.filter((rule) => permits(rule, 'create'));
  if (caller.kind === 'iam') return rules.some((rule) => iamRuleApplies(rule, caller.authenticated)) ? input : undefined;
  let authorized = rules.some((rule) => userPoolRuleApplies(rule, caller));
  const result: Item = { ...input };
  for (const rule of ownerRules(model, 'create')) {
    const field = rule.ownerField;
    if (!(field in result)) {
      result[field] = model.isListField(field) ? [ownerValue(caller)] : ownerValue(caller);
      authorized = true;
    } else if (ownedBy(result, field, caller)) {
      authorized = true;
    }
  }
  return authorized ? result : undefined;
}

/** Whether the caller may update or delete `existing` (undefined when there is no such item). */
export function mayModify(model: ModelInfo, caller: Caller, operation: 'update' | 'delete', existing: Item | undefined): boolean {
  const rules = model.authRules.filter((rule) => permits(rule, operation));
  if (caller.kind === 'iam') return rules.some((rule) => iamRuleApplies(rule, caller.authenticated));
  if (rules.some((rule) => userPoolRuleApplies(rule, caller))) return true;
  return existing !== undefined && ownerRules(model, operation).some((rule) => ownedBy(existing, rule.ownerField, caller));
}

/** Whether a field-level rule grants the same caller as a model-level one (same kind, provider and owner field or groups). */
function sameRole(fieldRule: AuthRule, modelRule: AuthRule): boolean {
  if (fieldRule.allow !== modelRule.allow || fieldRule.provider !== modelRule.provider) return false;
  if (fieldRule.allow === 'owner') return fieldRule.ownerField === modelRule.ownerField;
  if (fieldRule.allow === 'groups') return fieldRule.groups.some((group) => modelRule.groups.includes(group));
  return true;
}

/** The model rules by which `caller` may do `operation` on `item` (for a create: the input). */
export function authorizingRules(model: ModelInfo, caller: Caller, operation: Operation, item: Item | undefined): AuthRule[] {
  return model.authRules.filter((rule) => {
    if (!permits(rule, operation)) return false;
    if (caller.kind === 'iam') return iamRuleApplies(rule, caller.authenticated);
    if (userPoolRuleApplies(rule, caller)) return true;
    if (rule.allow !== 'owner' || rule.provider !== 'userPools') return false;
    return item === undefined || !(rule.ownerField in item) || ownedBy(item, rule.ownerField, caller);
  });
}

/** Whether some rule of the field grants what one of the authorizing model rules grants. */
function fieldAllows(model: ModelInfo, field: string, rules: readonly AuthRule[], operation: Operation): boolean {
  const fieldRules = model.fieldDirectives.get(field)?.authRules;
  if (!fieldRules) return true;
  return fieldRules.some((fieldRule) => permits(fieldRule, operation) && rules.some((rule) => sameRole(fieldRule, rule)));
}

/**
 * The input fields a create or update may not set, as the generated auth functions compute
 * them from field-level rules (`Unauthorized on [owner]`): a field with rules of its own is
 * allowed only if one of them grants the operation to the role that authorized the write; an
 * update setting a field to null needs that role to be allowed to delete the field's value.
 */
export function deniedInputFields(model: ModelInfo, caller: Caller, operation: 'create' | 'update', input: Item, current: Item | undefined): string[] {
  const rules = authorizingRules(model, caller, operation, operation === 'create' ? input : current);
  const denied = new Set<string>();
  if (operation === 'update') {
    for (const [field, value] of Object.entries(input)) {
      if (value === null && (model.keyFields.includes(field) || !fieldAllows(model, field, rules, 'delete'))) denied.add(field);
    }
  }
  for (const field of Object.keys(input)) {
    if (operation === 'update' && model.keyFields.includes(field)) continue;
    if (!fieldAllows(model, field, rules, operation)) denied.add(field);
  }
  return [...denied];
}

/** Fields whose own rules let fewer callers read them than the model's rules do: the generated resolvers guard each. */
export function readRestrictedFields(model: ModelInfo): string[] {
  const readers = model.authRules.filter((rule) => permits(rule, 'get'));
  return [...model.fieldDirectives]
    .filter(([, directives]) => directives.authRules !== undefined)
    .filter(([field]) => readers.some((rule) => !fieldAllows(model, field, [rule], 'get')))
    .map(([field]) => field);
}

/** Whether the caller may read a guarded field of `item`, by the field's own rules. */
export function mayReadField(model: ModelInfo, field: string, caller: Caller, item: Item): boolean {
  const fieldRules = model.fieldDirectives.get(field)?.authRules ?? [];
  return fieldRules.some((rule) => {
    if (!permits(rule, 'get')) return false;
    if (caller.kind === 'iam') return iamRuleApplies(rule, caller.authenticated);
    if (userPoolRuleApplies(rule, caller)) return true;
    return rule.allow === 'owner' && rule.provider === 'userPools' && ownedBy(item, rule.ownerField, caller);
  });
}
