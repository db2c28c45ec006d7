// Parity with ansible-core for get_url and uri, against a real HTTP server on 127.0.0.1.
import { createHash } from 'node:crypto';
import { parityTests, type Case } from './harness.js';
import { SERVED, startWebServer } from './web.js';

const WEB = await startWebServer();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

const CASES: Case[] = [
  {
    name: 'get_url downloads a new file with its sha256 checksum and mode, then keeps it',
    tasks: `    - get_url: { url: "${WEB}/hello.txt", dest: "{{ root }}/hello.txt", checksum: "sha256:${sha256(SERVED['/hello.txt'])}", mode: "0640" }
`,
    check: true,
  },
  {
    name: 'get_url keeps a file that holds what the URL serves',
    tasks: `    - get_url: { url: "${WEB}/hello.txt", dest: "{{ root }}/hello.txt" }
`,
    files: { 'hello.txt': 'hello\n' },
  },
  {
    name: 'get_url under --check predicts that a file holding what the URL serves is kept',
    tasks: `    - get_url: { url: "${WEB}/hello.txt", dest: "{{ root }}/hello.txt" }
`,
    files: { 'hello.txt': 'hello\n' },
    check: true,
    differs: {
      reason: 'check mode predicts what the real run does: bc-play hashes what the URL serves; Ansible compares the file with the empty body of a HEAD request',
      ansible: { statuses: ['changed'] },
      bcPlay: { statuses: ['ok'] },
    },
  },
  {
    name: 'get_url replaces a file whose content differs from what the URL serves',
    tasks: `    - get_url: { url: "${WEB}/other.txt", dest: "{{ root }}/f" }
`,
    files: { f: 'old\n' },
    check: true,
  },
  {
    name: 'get_url keeps a file with the given checksum without downloading, and sets its mode',
    tasks: `    - get_url: { url: "${WEB}/other.txt", dest: "{{ root }}/f", checksum: "sha1:${sha1('mine\n')}", mode: "0600" }
`,
    files: { f: 'mine\n' },
    check: true,
  },
  {
    name: 'get_url fails on a download whose checksum differs, leaving nothing',
    tasks: `    - get_url: { url: "${WEB}/hello.txt", dest: "{{ root }}/bad", checksum: "sha256:${sha256('something else')}" }
      ignore_errors: true
      register: r
    - copy: { content: "reported changed\\n", dest: "{{ root }}/changed" }
      when: r.changed
`,
    differs: {
      reason: 'bc-play checks the download before it replaces dest, so nothing changed; Ansible moves it over dest first, then removes it',
      ansible: { statuses: ['failed', 'changed'], absent: ['bad'], files: { changed: 'file 644 "reported changed\\n"' } },
      bcPlay: { statuses: ['failed', 'skipped'], absent: ['bad', 'changed'] },
    },
  },
  {
    name: 'get_url fails on a URL that answers 404, and registers the download',
    tasks: `    - get_url: { url: "${WEB}/nothing-here", dest: "{{ root }}/missing" }
      ignore_errors: true
    - get_url: { url: "${WEB}/hello.txt", dest: "{{ root }}/h" }
      register: r
    - copy: { content: "status={{ r.status_code }} {{ r.checksum_src }}\\n", dest: "{{ root }}/result" }
      when: r.changed
`,
  },
  {
    name: 'uri GET registers status, a header and the JSON answer',
    tasks: `    - uri: { url: "${WEB}/api/item" }
      register: r
    - copy: { content: "status={{ r.status }} type={{ r.content_type }} name={{ r.json.name }} count={{ r.json.count }} {{ r.msg }}\\n", dest: "{{ root }}/item" }
`,
  },
  {
    name: 'uri POST sends a JSON body, expects 201 and returns the content',
    tasks: `    - uri:
        url: "${WEB}/api/echo"
        method: POST
        body: { name: web, ports: [80, 443], note: "caf\u00e9" }
        body_format: json
        status_code: [200, 201]
        return_content: true
      register: r
    - copy: { content: "{{ r.status }} {{ r.json.method }} {{ r.json.type }} {{ r.json.body }}\\n", dest: "{{ root }}/sent" }
    - uri: { url: "${WEB}/api/echo", method: PUT, body: { a: 1, b: "x y" }, body_format: form-urlencoded, return_content: true }
      register: form
    - copy: { content: "{{ form.json.type }} {{ form.json.body }} {{ form.status }}\\n", dest: "{{ root }}/form" }
`,
  },
  {
    name: 'uri fails on a status not in status_code, and creates skips the request',
    tasks: `    - uri: { url: "${WEB}/status/500" }
      ignore_errors: true
    - uri: { url: "${WEB}/status/500", creates: "{{ root }}/done" }
`,
    files: { done: '' },
  },
  {
    name: 'uri under --check',
    tasks: `    - uri: { url: "${WEB}/api/item" }
`,
    check: true,
    differs: {
      reason: 'Ansible skips uri in check mode (it does not support it); bc-play does not make the request either and reports it ok ("would request ...")',
      ansible: { statuses: ['skipped'] },
      bcPlay: { statuses: ['ok'] },
    },
  },
];

parityTests(CASES);
