import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EngineEvent } from '../../../lib/engine/events.js';
import { REDACTED, Redactor } from '../../../lib/secrets/redactor.js';
import { sh } from '../../../lib/shell/quote.js';

const secret = "s3cr3t pa'ss/word+=";
const redactor = new Redactor();
redactor.add(secret);
redactor.add('hunter2');

const forms: Array<[string, string]> = [
  ['as written', `password=${secret};`],
  ['shell-quoted by sh``', sh`psql -c ${`ALTER ROLE app PASSWORD ${secret}`}`],
  ['JSON-escaped', JSON.stringify({ pw: secret })],
  ['URL-encoded', `postgres://app:${encodeURIComponent(secret)}@db/app`],
  ['base64', `auth ${Buffer.from(secret).toString('base64')}`],
  ['base64url', `token ${Buffer.from(secret).toString('base64url')}`],
];

for (const [name, text] of forms) {
  test(`redacts a secret ${name}`, () => {
    const out = redactor.redact(text);
    assert.ok(out.includes(REDACTED), out);
    assert.not.ok(out.includes('s3cr3t'), out);
    assert.not.ok(out.includes(Buffer.from(secret).toString('base64').slice(0, 12)), out);
  });
}

test('replaces every occurrence and leaves the rest of the text alone', () => {
  assert.is(redactor.redact('a hunter2 b hunter2hunter2 c'), `a ${REDACTED} b ${REDACTED}${REDACTED} c`);
});

test('leaves text without secrets unchanged, and ignores empty values', () => {
  const r = new Redactor();
  r.add('');
  assert.is(r.redact('nothing to hide'), 'nothing to hide');
});

test('treats regular-expression characters in a secret literally', () => {
  const r = new Redactor();
  r.add('a.b*c');
  assert.is(r.redact('axbbc a.b*c'), `axbbc ${REDACTED}`);
});

test('redacts secrets added after a first redaction', () => {
  const r = new Redactor();
  r.add('first-secret');
  assert.is(r.redact('first-secret second-secret'), `${REDACTED} second-secret`);
  r.add('second-secret');
  assert.is(r.redact('first-secret second-secret'), `${REDACTED} ${REDACTED}`);
});

test('redacts messages, changes, commands, facts and diffs of an event, without touching its numbers', () => {
  const event: EngineEvent = {
    type: 'host-result',
    task: 'set password hunter2',
    host: 'db1',
    status: 'failed',
    changes: ['set the password of app to hunter2'],
    message: 'command failed\n  | ERROR: password "hunter2" too short',
    diffs: [{ path: '/etc/app.env', before: 'PASSWORD=old\n', after: `PASSWORD=${secret}\n` }],
    commands: [sh`echo ${secret} | chpasswd`],
    factsRead: ['files.content(/etc/hunter2)'],
    durationMs: 12,
  };
  assert.equal(redactor.redactDeep(event), {
    type: 'host-result',
    task: `set password ${REDACTED}`,
    host: 'db1',
    status: 'failed',
    changes: [`set the password of app to ${REDACTED}`],
    message: `command failed\n  | ERROR: password "${REDACTED}" too short`,
    diffs: [{ path: '/etc/app.env', before: 'PASSWORD=old\n', after: `PASSWORD=${REDACTED}\n` }],
    commands: [`echo ${REDACTED} | chpasswd`],
    factsRead: [`files.content(/etc/${REDACTED})`],
    durationMs: 12,
  });
});

test('redacts object keys and leaves non-plain objects as they are', () => {
  const date = new Date(0);
  const out = redactor.redactDeep({ hunter2: [1, null, true, 'hunter2'], date });
  assert.equal(out, { [REDACTED]: [1, null, true, REDACTED], date });
  assert.is(out.date, date);
});

test.run();
