import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUfw, type UfwState } from '../../../lib/facts/ufw.js';
import { ruleText, ufwModule, type UfwArgs } from '../../../lib/modules/ufw.js';
import { planWith } from './system-fixtures.js';

const state = (extra: Partial<UfwState> = {}): UfwState => ({ installed: true, active: true, defaultIncoming: 'deny', defaultOutgoing: 'allow', rules: [], ...extra });
const SSH = { port: 22 };
const PG = { port: 5432, from: '10.214.0.0/24' };

const cases: [string, UfwArgs, UfwState, string[]][] = [
  ['adds SSH before enabling a fresh firewall', { rules: [SSH] }, state({ active: false }), ['ufw allow 22/tcp', 'ufw --force enable']],
  ['reports no change when rules, policies and state match', { rules: [SSH, PG] }, state({ rules: ['allow 22/tcp', 'allow from 10.214.0.0/24 to any port 5432 proto tcp'] }), []],
  ['removes rules no longer wanted, after adding the wanted ones', { rules: [SSH, PG] }, state({ rules: ['allow 22/tcp', 'allow 8080/tcp'] }), ['ufw allow from 10.214.0.0/24 to any port 5432 proto tcp', 'ufw delete allow 8080/tcp']],
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

test.run();
