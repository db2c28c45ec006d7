import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { imageKey, imageRecipe } from '../../../lib/lab/image.js';
import { DEFAULT_MIRRORS } from '../../../lib/lab/mirrors.js';

test('names the cached image by suite and a hash that changes with the recipe', () => {
  const trixie = imageRecipe('trixie', DEFAULT_MIRRORS);
  assert.match(imageKey(trixie), /^trixie-[0-9a-f]{12}$/);
  assert.is(imageKey(imageRecipe('trixie', DEFAULT_MIRRORS)), imageKey(trixie));
  assert.is.not(imageKey({ ...trixie, packages: [...trixie.packages, 'nano'] }), imageKey(trixie));
  assert.is.not(imageKey(imageRecipe('trixie', { ...DEFAULT_MIRRORS, archive: 'http://ftp.de.debian.org/debian' })), imageKey(trixie));
});

test('installs sshd, sudo and systemd-sysv, and takes packages from the suite, its updates and security', () => {
  const r = imageRecipe('bookworm', DEFAULT_MIRRORS);
  for (const p of ['openssh-server', 'sudo', 'systemd-sysv', 'dbus', 'iproute2']) assert.ok(r.packages.includes(p), p);
  assert.equal(r.sources, [
    'deb http://deb.debian.org/debian bookworm main',
    'deb http://deb.debian.org/debian bookworm-updates main',
    'deb http://deb.debian.org/debian-security bookworm-security main',
  ]);
});

test.run();
