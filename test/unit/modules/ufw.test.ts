import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUfw, ruleFromTuple, type UfwState } from '../../../lib/facts/ufw.js';
import { ruleText, ufwModule, type UfwArgs } from '../../../lib/modules/ufw.js';
import { planWith } from './system-fixtures.js';

const state = (extra: Partial<UfwState> = {}): UfwState => ({ installed: true, active: true, defaultIncoming: 'deny', defaultOutgoing: 'allow', rules: [], ...extra });
const SSH = { port: 22 };
const PG = { port: 5432, from: '10.214.0.0/24' };

const cases: [string, UfwArgs, UfwState, string[]][] = [
  ['adds SSH before enabling a fresh firewall', { rules: [SSH] }, state({ active: false }), ['ufw allow 22/tcp', 'ufw --force enable']],
  ['reports no change when rules, policies and state match', { rules: [SSH, PG] }, state({ rules: ['allow 22/tcp', 'allow from 10.214.0.0/24 to any port 5432 proto tcp'] }), []],
  ['removes rules no longer wanted, after adding the wanted ones', { rules: [SSH, PG] }, state({ rules: ['allow 22/tcp', 'allow 8080/tcp'] }), ['ufw allow from 10.214.0.0/24 to any port 5432 proto tcp', 'ufw delete allow 8080/tcp']],
  ['deletes a rule with a quoted comment as one argument', { rules: [SSH] }, state({ rules: ['allow 22/tcp', "allow 4444/tcp comment 'test rule'"] }), ["ufw delete allow 4444/tcp comment 'test rule'"]],
  ['purge keeps the bans fail2ban\'s ufw action adds (they are its state, not drift)', { rules: [SSH] }, state({ rules: ["reject from 10.213.0.12 to any comment 'by Fail2Ban after 5 attempts against sshd'", 'allow 22/tcp'] }), []],
  ['keeps unlisted rules without purge', { rules: [SSH], purge: false }, state({ rules: ['allow 22/tcp', 'allow 8080/tcp'] }), []],
  ['sets the default policies first', { rules: [SSH] }, state({ defaultIncoming: 'allow', rules: ['allow 22/tcp'] }), ['ufw default deny incoming']],
  ['disables when asked', { rules: [SSH], state: 'disabled' }, state({ rules: ['allow 22/tcp'] }), ['ufw disable']],
];

for (const [name, args, now, commands] of cases) {
  test(name, () => {
    const plan = planWith(ufwModule, args, { ufw: now });
    assert.equal(plan.changes.map((c) => c.command), commands);
  });
}

test('refuses to enable the firewall without an SSH rule', () => {
  assert.throws(() => planWith(ufwModule, { rules: [{ port: 80 }] }, { ufw: state({ active: false }) }), /without a rule for port 22/);
});

test('writes rules the way `ufw show added` prints them', () => {
  assert.is(ruleText({ port: 443 }), 'allow 443/tcp');
  assert.is(ruleText({ port: 8000, from: '10.214.0.11' }), 'allow from 10.214.0.11 to any port 8000 proto tcp');
});

test('parses status, policies and added rules', () => {
  const out = 'Status: active\n@@bc-play-ufw@@\nDEFAULT_INPUT_POLICY="DROP"\nDEFAULT_OUTPUT_POLICY="ACCEPT"\n@@bc-play-ufw@@\nAdded user rules (see \'ufw status\' for running firewall):\nufw allow 22/tcp\nufw allow from 10.214.0.0/24 to any port 5432 proto tcp\n';
  assert.equal(parseUfw(out), state({ rules: ['allow 22/tcp', 'allow from 10.214.0.0/24 to any port 5432 proto tcp'] }));
  assert.equal(parseUfw('missing\n'), { installed: false, active: false, defaultIncoming: 'deny', defaultOutgoing: 'allow', rules: [] });
});

// Captured from ufw 0.36.2 (Debian 13): each rule added with `ufw RULE`, its tuple in user.rules
// or user6.rules, and the text `ufw show added` printed for it.
const TUPLES: [string, string][] = [
  ['allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in', 'allow 22/tcp'],
  ['allow tcp 80,443 0.0.0.0/0 any 0.0.0.0/0 in', 'allow 80,443/tcp'],
  ['deny tcp 25 0.0.0.0/0 any 0.0.0.0/0 out', 'deny out 25/tcp'],
  ['limit tcp 2222 0.0.0.0/0 any 0.0.0.0/0 in', 'limit 2222/tcp'],
  ['allow any any 0.0.0.0/0 any 192.0.2.0/24 in', 'allow from 192.0.2.0/24'],
  ['allow udp 53 10.0.0.1 any 0.0.0.0/0 in', 'allow to 10.0.0.1 port 53 proto udp'],
  ['allow udp 6000:6010 0.0.0.0/0 any 0.0.0.0/0 in', 'allow 6000:6010/udp'],
  ['reject any 1234 0.0.0.0/0 any 0.0.0.0/0 in', 'reject 1234'],
  ['allow tcp 6000 0.0.0.0/0 5000 198.51.100.7 in', 'allow from 198.51.100.7 port 5000 to any port 6000 proto tcp'],
  ['deny any any 10.214.0.14 any 203.0.113.0/24 in', 'deny from 203.0.113.0/24 to 10.214.0.14'],
  ['allow tcp 8080 ::/0 any 2001:db8::/32 in', 'allow from 2001:db8::/32 to any port 8080 proto tcp'],
];

test('rules read from ufw\'s files have the text `ufw show added` prints for them', () => {
  for (const [tuple, shown] of TUPLES) assert.is(ruleFromTuple(`### tuple ### ${tuple}`), shown, tuple);
});

test('a rule stored for IPv4 and IPv6 is one rule; IPv6-only rules follow, as ufw lists them', () => {
  const out = [
    'Status: inactive',
    '@@bc-play-ufw@@',
    'DEFAULT_INPUT_POLICY="DROP"',
    'DEFAULT_OUTPUT_POLICY="ACCEPT"',
    '@@bc-play-ufw@@',
    '### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in',
    '### tuple ### allow tcp 5432 0.0.0.0/0 any 10.214.0.0/24 in',
    '### tuple ### allow tcp 22 ::/0 any ::/0 in',
    '### tuple ### allow tcp 8080 ::/0 any 2001:db8::/32 in',
    '',
  ].join('\n');
  assert.equal(
    parseUfw(out),
    state({ active: false, rules: ['allow 22/tcp', 'allow from 10.214.0.0/24 to any port 5432 proto tcp', 'allow from 2001:db8::/32 to any port 8080 proto tcp'] }),
  );
});

test.run();
