// ssl.principal.mapping.rules as Kafka's SslPrincipalMapper reads and applies them (KIP-371).
import { describe, expect, it } from 'vitest';
import { parsePrincipalRules } from '../../../src/broker/ssl-principal-rules.js';

describe('ssl.principal.mapping.rules', () => {
  it('applies the first rule that matches the whole name, with its groups and case', () => {
    const map = parsePrincipalRules([
      'RULE:^CN=(.*?),OU=Services.*$/$1/L',
      'RULE:^CN=(.*?),OU=(.*?),O=(.*?),C=(.*?)$/$1@$2/L',
      'RULE:^cn=(.*?),ou=(.*?),dc=(.*?)$/$1@$2/U',
      'RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/',
      'DEFAULT',
    ].join(', '));
    expect(map('CN=Billing,OU=Services,O=Example,C=US')).toBe('billing');
    expect(map('CN=Alice,OU=Eng,O=Example,C=US')).toBe('alice@eng');
    expect(map('cn=alice,ou=eng,dc=example')).toBe('ALICE@ENG');
    expect(map('O=Example,CN=bob.smith,C=US')).toBe('bob.smith');
    expect(map('O=Example,C=US')).toBe('O=Example,C=US');
  });

  it('gives no name where no rule applies (the connection is refused)', () => {
    const map = parsePrincipalRules('RULE:^CN=([^,]*),O=Example$/$1/');
    expect(map('CN=alice,O=Example')).toBe('alice');
    expect(map('CN=alice,O=Other')).toBeUndefined();
    expect(parsePrincipalRules('')('CN=alice')).toBeUndefined();
  });

  it('reads rules split by commas or new lines, commas and escaped slashes inside patterns', () => {
    const map = parsePrincipalRules('RULE:^CN=([^,]*),OU=a\\/b$/$1-ab/\n  RULE:^CN=((\\\\, *|\\w)+)(,.*|$)/$1/,DEFAULT,');
    expect(map('CN=svc,OU=a/b')).toBe('svc-ab');
    expect(map('CN=Kafka\\, Server,O=Example')).toBe('Kafka\\, Server');
    expect(map('O=Example')).toBe('O=Example');
  });

  it('keeps a literal dollar, a group past the pattern\'s, and backslash escapes as Java does', () => {
    expect(parsePrincipalRules('RULE:^CN=(.*)$/\\$$1/')('CN=x')).toBe('$x');
    expect(parsePrincipalRules('RULE:^CN=(.*)$/$1$2/')('CN=x')).toBe('x$2');
    expect(parsePrincipalRules('RULE:^CN=(?<user>.*)$/u-${user}/')('CN=x')).toBe('u-x');
    expect(parsePrincipalRules('RULE:^CN=(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)$/$11$1/')('CN=abcdefghijk')).toBe('ka');
  });

  it.each([
    'default', 'DEFAUL', 'DEFAULT/L', 'DEFAULT/U',
    'RULE:CN=(.*?),OU=Services.*/$1',
    'rule:^CN=(.*?),OU=Services.*$/$1/',
    'RULE:^CN=(.*?),OU=Services.*$/$1/L/U',
    'RULE:^CN=(.*?),OU=Services.*$/L',
    'RULE:^CN=(.*?),OU=Services.*$/$1/LU',
    'RULE:^CN=(.*?$/$1/',
    'RULE:^CN=(.*)$/$x/',
  ])('refuses %s', (rules) => {
    expect(() => parsePrincipalRules(rules)).toThrow();
  });
});
