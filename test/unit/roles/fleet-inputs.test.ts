// The fleet's operator inputs are checked by the role schemas before any host is touched: a
// value that would write configuration of its own into nginx.conf or jail.local is refused.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

function syntaxCheck(extra: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/bc-play.js', 'site', '--syntax-check', '-e', extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stderr: r.stderr };
}

const INJECTIONS: [string, string, RegExp][] = [
  ['nginx_tenant_root', '{nginx_tenant_root: "/var/www; include /etc/shadow"}', /role nginx on host edge1: "nginx_tenant_root" must match pattern/],
  ['cloudflare_ranges', '{cloudflare_ranges: ["0.0.0.0/0; real_ip_recursive on"]}', /role nginx on host edge1: "cloudflare_ranges\.0" must match pattern/],
  ['admin_cidrs', '{admin_cidrs: ["10.0.0.1\\n[sshd]\\nenabled = false"]}', /role ufw on host \w+1: "admin_cidrs\.0" must match pattern/],
];

for (const [name, extra, refused] of INJECTIONS) {
  test(`${name} that would inject configuration is refused before any host is touched`, () => {
    const r = syntaxCheck(extra);
    assert.is.not(r.code, 0);
    assert.match(r.stderr, refused);
  });
}

test('plain values of the same inputs pass', () => {
  const r = syntaxCheck('{nginx_tenant_root: /srv/tenants, admin_cidrs: [198.51.100.7/32], cloudflare_ranges: [173.245.48.0/20]}');
  assert.is(r.code, 0, r.stderr);
});

test.run();
