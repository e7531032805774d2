// The matching semantics of Kafka's StandardAuthorizer (cases after StandardAuthorizerTest and
// AclAuthorizerTest): resource patterns, principals, hosts, deny over allow, implied operations,
// super users, allow.everyone.if.no.acl.found, and the DescribeAcls/DeleteAcls filter match.
import { describe, expect, it } from 'vitest';
import { aclResult, authorize, authorizeByResourceType, type Action, type AuthorizerSettings } from '../../../src/broker/authorizer.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { AclOperation as Op, filterMatches, invalidAcl, PatternType as Pt, PermissionType as Perm, ResourceType as Rt, type AclEntry } from '../../../src/metadata/acls.js';

const on: AuthorizerSettings = { enabled: true, superUsers: new Set(['User:admin']), allowIfNoAcl: false };
let n = 0;
const acl = (p: Partial<AclEntry>): AclEntry => ({
  id: `id${n++}`, resourceType: Rt.TOPIC, resourceName: 'foo', patternType: Pt.LITERAL, principal: 'User:alice', host: '*',
  operation: Op.READ, permissionType: Perm.ALLOW, ...p,
});
const can = (acls: AclEntry[], op: Op, name = 'foo', principal = 'User:alice', host = '10.0.0.1', settings = on, type: number = Rt.TOPIC) =>
  authorize(settings, acls, { principal, host, operation: op, resourceType: type, resourceName: name });

describe('StandardAuthorizer semantics', () => {
  const cases: [string, AclEntry[], Op, string, string, string, boolean][] = [
    ['literal allow', [acl({})], Op.READ, 'foo', 'User:alice', '10.0.0.1', true],
    ['literal does not match another name', [acl({})], Op.READ, 'foobar', 'User:alice', '10.0.0.1', false],
    ['wildcard name', [acl({ resourceName: '*' })], Op.READ, 'anything', 'User:alice', '10.0.0.1', true],
    ['prefixed', [acl({ resourceName: 'fo', patternType: Pt.PREFIXED })], Op.READ, 'foobar', 'User:alice', '10.0.0.1', true],
    ['prefixed is not a suffix', [acl({ resourceName: 'bar', patternType: Pt.PREFIXED })], Op.READ, 'foobar', 'User:alice', '10.0.0.1', false],
    ['other principal', [acl({})], Op.READ, 'foo', 'User:bob', '10.0.0.1', false],
    ['wildcard principal', [acl({ principal: 'User:*' })], Op.READ, 'foo', 'User:bob', '10.0.0.1', true],
    ['host matches', [acl({ host: '10.0.0.1' })], Op.READ, 'foo', 'User:alice', '10.0.0.1', true],
    ['host differs', [acl({ host: '10.0.0.2' })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['deny wins over allow', [acl({}), acl({ permissionType: Perm.DENY })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['prefixed deny wins over literal allow', [acl({}), acl({ resourceName: 'f', patternType: Pt.PREFIXED, permissionType: Perm.DENY })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['wildcard-principal deny wins', [acl({}), acl({ principal: 'User:*', permissionType: Perm.DENY })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['deny for another host does not apply', [acl({}), acl({ host: '10.0.0.9', permissionType: Perm.DENY })], Op.READ, 'foo', 'User:alice', '10.0.0.1', true],
    ['READ implies DESCRIBE', [acl({})], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', true],
    ['WRITE implies DESCRIBE', [acl({ operation: Op.WRITE })], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', true],
    ['DELETE implies DESCRIBE', [acl({ operation: Op.DELETE })], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', true],
    ['ALTER implies DESCRIBE', [acl({ operation: Op.ALTER })], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', true],
    ['CREATE does not imply DESCRIBE', [acl({ operation: Op.CREATE })], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', false],
    ['ALTER_CONFIGS implies DESCRIBE_CONFIGS', [acl({ operation: Op.ALTER_CONFIGS })], Op.DESCRIBE_CONFIGS, 'foo', 'User:alice', '10.0.0.1', true],
    ['DESCRIBE does not imply READ', [acl({ operation: Op.DESCRIBE })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['deny READ does not deny DESCRIBE', [acl({ operation: Op.WRITE }), acl({ permissionType: Perm.DENY })], Op.DESCRIBE, 'foo', 'User:alice', '10.0.0.1', true],
    ['ALL allows any operation', [acl({ operation: Op.ALL })], Op.ALTER_CONFIGS, 'foo', 'User:alice', '10.0.0.1', true],
    ['deny ALL denies any operation', [acl({ operation: Op.WRITE }), acl({ operation: Op.ALL, permissionType: Perm.DENY })], Op.WRITE, 'foo', 'User:alice', '10.0.0.1', false],
    ['ACLs on the resource for others: denied', [acl({ principal: 'User:bob' })], Op.READ, 'foo', 'User:alice', '10.0.0.1', false],
    ['super user passes a deny', [acl({ principal: 'User:admin', permissionType: Perm.DENY })], Op.READ, 'foo', 'User:admin', '10.0.0.1', true],
  ];
  it.each(cases)('%s', (_name, acls, op, name, principal, host, expected) => {
    expect(can(acls, op, name, principal, host)).toBe(expected);
  });

  it('no ACL naming the resource: allow.everyone.if.no.acl.found decides', () => {
    const other = [acl({ resourceName: 'bar' }), acl({ resourceType: Rt.GROUP })];
    expect(can(other, Op.READ)).toBe(false);
    expect(can(other, Op.READ, 'foo', 'User:alice', '10.0.0.1', { ...on, allowIfNoAcl: true })).toBe(true);
    // An ACL that names the resource for someone else still counts as "found".
    expect(can([acl({ principal: 'User:bob' })], Op.READ, 'foo', 'User:alice', '10.0.0.1', { ...on, allowIfNoAcl: true })).toBe(false);
  });

  it('resource types are separate', () => {
    expect(can([acl({ resourceType: Rt.GROUP })], Op.READ, 'foo', 'User:alice', '10.0.0.1', on, Rt.TOPIC)).toBe(false);
    expect(can([acl({ resourceType: Rt.GROUP })], Op.READ, 'foo', 'User:alice', '10.0.0.1', on, Rt.GROUP)).toBe(true);
  });

  it('everything is allowed when the authorizer is off', () => {
    expect(can([acl({ permissionType: Perm.DENY })], Op.READ, 'foo', 'User:alice', '10.0.0.1', { ...on, enabled: false })).toBe(true);
  });

  it('authorizeByResourceType: any allowed resource unless a broader deny cancels it', () => {
    const base = { principal: 'User:alice', host: '10.0.0.1', operation: Op.WRITE, resourceType: Rt.TOPIC };
    expect(authorizeByResourceType(on, [acl({ operation: Op.WRITE })], base)).toBe(true);
    expect(authorizeByResourceType(on, [acl({ operation: Op.READ })], base)).toBe(false);
    expect(authorizeByResourceType(on, [acl({ operation: Op.WRITE }), acl({ operation: Op.WRITE, resourceName: 'f', patternType: Pt.PREFIXED, permissionType: Perm.DENY })], base)).toBe(false);
    expect(authorizeByResourceType(on, [acl({ operation: Op.WRITE }), acl({ operation: Op.WRITE, resourceName: '*', permissionType: Perm.DENY })], base)).toBe(false);
    expect(authorizeByResourceType(on, [acl({ operation: Op.WRITE }), acl({ operation: Op.WRITE, resourceName: 'other', permissionType: Perm.DENY })], base)).toBe(true);
  });
});

/** What authorize() answers, by a walk over every ACL (as it did before ACLs were indexed). */
function byWalk(settings: AuthorizerSettings, acls: AclEntry[], action: Action): boolean {
  if (settings.superUsers.has(action.principal)) return true;
  let named = false;
  let allowed = false;
  for (const a of acls) {
    if (a.resourceType !== action.resourceType) continue;
    const matches = a.patternType === Pt.PREFIXED ? action.resourceName.startsWith(a.resourceName)
      : a.resourceName === action.resourceName || a.resourceName === '*';
    if (!matches) continue;
    named = true;
    const result = aclResult(a, action);
    if (result === Perm.DENY) return false;
    if (result === Perm.ALLOW) allowed = true;
  }
  return allowed || (!named && settings.allowIfNoAcl);
}

describe('indexed ACLs', () => {
  it('answer every check as a walk over all of them does (seeded random ACL sets)', () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = ['a', 'ab', 'abc', 'abd', 'b', 'ba', '*', 'abcdef', 'x'];
    const principals = ['User:alice', 'User:bob', 'User:*'];
    const ops = [Op.ALL, Op.READ, Op.WRITE, Op.DESCRIBE, Op.ALTER, Op.ALTER_CONFIGS, Op.DESCRIBE_CONFIGS, Op.DELETE, Op.CREATE];
    for (let set = 0; set < 200; set++) {
      const acls = Array.from({ length: Math.floor(random() * 12) }, () => acl({
        resourceType: pick([Rt.TOPIC, Rt.GROUP]), resourceName: pick(names), patternType: pick([Pt.LITERAL, Pt.PREFIXED]),
        principal: pick(principals), host: pick(['*', '10.0.0.1', '10.0.0.2']), operation: pick(ops), permissionType: pick([Perm.ALLOW, Perm.DENY]),
      }));
      const byId = new Map(acls.map((a) => [a.id, a]));
      const settings = { ...on, allowIfNoAcl: random() < 0.5 };
      for (let i = 0; i < 40; i++) {
        const action: Action = {
          principal: pick(['User:alice', 'User:bob', 'User:admin']), host: pick(['10.0.0.1', '10.0.0.2']), operation: pick(ops.slice(1)),
          resourceType: pick([Rt.TOPIC, Rt.GROUP]), resourceName: pick([...names, 'abcd', 'zzz']),
        };
        const expected = byWalk(settings, acls, action);
        expect(authorize(settings, byId, action), JSON.stringify({ set, action })).toBe(expected);
        expect(authorize(settings, acls, action)).toBe(expected);
      }
    }
  });
});

describe('ACL binding filters', () => {
  const any = { resourceType: Rt.ANY, resourceName: null, patternType: Pt.ANY, principal: null, host: null, operation: Op.ANY, permissionType: Perm.ANY };
  const literal = acl({});
  const wildcard = acl({ resourceName: '*' });
  const prefixed = acl({ resourceName: 'fo', patternType: Pt.PREFIXED });
  it('ANY matches everything, exact fields narrow', () => {
    for (const a of [literal, wildcard, prefixed]) expect(filterMatches(any, a)).toBe(true);
    expect(filterMatches({ ...any, resourceName: 'foo' }, literal)).toBe(true);
    expect(filterMatches({ ...any, resourceName: 'foo' }, wildcard)).toBe(false);
    expect(filterMatches({ ...any, patternType: Pt.PREFIXED }, literal)).toBe(false);
    expect(filterMatches({ ...any, principal: 'User:bob' }, literal)).toBe(false);
    expect(filterMatches({ ...any, operation: Op.WRITE }, literal)).toBe(false);
    expect(filterMatches({ ...any, permissionType: Perm.DENY }, literal)).toBe(false);
  });
  it('MATCH takes the literal name, the wildcard and the prefixes that cover the name', () => {
    const match = { ...any, resourceName: 'foo', patternType: Pt.MATCH };
    expect([literal, wildcard, prefixed].map((a) => filterMatches(match, a))).toEqual([true, true, true]);
    expect(filterMatches(match, acl({ resourceName: 'foobar' }))).toBe(false);
    expect(filterMatches(match, acl({ resourceName: 'foob', patternType: Pt.PREFIXED }))).toBe(false);
  });
  it('rejects bindings Kafka rejects', () => {
    const ok = { resourceType: Rt.TOPIC, resourceName: 'foo', patternType: Pt.LITERAL, principal: 'User:alice', host: '*', operation: Op.READ, permissionType: Perm.ALLOW };
    expect(invalidAcl(ok)).toBeNull();
    expect(invalidAcl({ ...ok, resourceType: Rt.ANY })).toMatch(/resourceType/);
    expect(invalidAcl({ ...ok, patternType: Pt.MATCH })).toMatch(/patternType/);
    expect(invalidAcl({ ...ok, operation: Op.ANY })).toMatch(/operation/);
    expect(invalidAcl({ ...ok, permissionType: Perm.ANY })).toMatch(/permissionType/);
    expect(invalidAcl({ ...ok, principal: 'alice' })).toMatch(/principal/);
    expect(invalidAcl({ ...ok, resourceType: Rt.CLUSTER, resourceName: 'x' })).toMatch(/kafka-cluster/);
  });
});
