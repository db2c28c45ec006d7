// uri: an HTTP request made by the host with curl, its answer registered with Ansible's names
// (status, json, content, lower-cased headers); it changes nothing, so it is never "changed".
import { BcError } from '../errors.js';
import { pathExists } from '../facts/files.js';
import { sh } from '../shell/quote.js';
import type { CommandOutput, ModuleDefinition, Plan } from './module.js';

export interface UriArgs {
  url: string;
  method?: string;
  body?: unknown;
  body_format?: 'raw' | 'json' | 'form-urlencoded';
  headers?: Record<string, string>;
  status_code?: number | number[];
  return_content?: boolean;
  creates?: string;
  removes?: string;
  timeout?: number;
  validate_certs?: boolean;
  follow_redirects?: 'all' | 'safe' | 'none';
}

/** Why: health checks and API calls (register a node, read a version) the way Ansible users write them. */
export const uriModule: ModuleDefinition<UriArgs> = {
  name: 'uri',
  description: 'Makes an HTTP request from the host with curl (which the host needs) and registers status, url, msg, json (for a JSON answer), content (with return_content) and the headers in lower case; fails on a status not in status_code. Not run in --check.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      url: { type: 'string', pattern: '^https?://', description: 'http or https URL, requested by the host.' },
      method: { type: 'string', pattern: '^[A-Z]+$', default: 'GET', description: 'The HTTP method, one word in upper case.' },
      body: { description: 'The request body: text, or with body_format json or form-urlencoded a map (or list, for json).' },
      body_format: { enum: ['raw', 'json', 'form-urlencoded'], default: 'raw', description: 'json: the body is sent as JSON (written as Python\'s json.dumps writes it) with Content-Type application/json unless headers set one; form-urlencoded: a map sent as a form.' },
      headers: { type: 'object', additionalProperties: { type: 'string', pattern: '^[^\\r\\n]*$' }, description: 'Request headers.' },
      status_code: { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 1 }], default: [200], description: 'The statuses that count as success.' },
      return_content: { type: 'boolean', default: false, description: 'Register the body as content (it is registered anyway on a failed status; a JSON answer is registered as json either way).' },
      creates: { type: 'string', minLength: 1, description: 'Skip the request when this path exists on the host.' },
      removes: { type: 'string', minLength: 1, description: 'Make the request only when this path exists on the host.' },
      timeout: { type: 'integer', minimum: 1, default: 30, description: 'Seconds the whole request may take.' },
      validate_certs: { type: 'boolean', default: true, description: 'false: accept any TLS certificate.' },
      follow_redirects: { enum: ['all', 'safe', 'none'], default: 'safe', description: 'safe: follow redirects of GET and HEAD only.' },
    },
  },
  facts: (args) => [args.creates, args.removes].filter((p): p is string => p !== undefined).map((p) => pathExists(p)),
  plan(args, facts) {
    if (args.creates !== undefined && facts.get(pathExists(args.creates)).exists) return skip(`skipped, since ${args.creates} exists`);
    if (args.removes !== undefined && !facts.get(pathExists(args.removes)).exists) return skip(`skipped, since ${args.removes} does not exist`);
    const method = args.method ?? 'GET';
    const { body, type } = bodyOf(args);
    const headers = { ...(type && !Object.keys(args.headers ?? {}).some((h) => h.toLowerCase() === 'content-type') ? { 'Content-Type': type } : {}), ...args.headers };
    const follow = args.follow_redirects === 'all' || ((args.follow_redirects ?? 'safe') === 'safe' && (method === 'GET' || method === 'HEAD'));
    const options = [
      ...(method === 'HEAD' ? ['-I'] : ['-X', method]),
      ...(follow ? ['-L'] : []),
      '--max-time', String(args.timeout ?? 30),
      ...(args.validate_certs === false ? ['-k'] : []),
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      ...(body !== undefined ? ['--data-binary', '@-'] : []),
    ];
    const command = [
      'd=$(mktemp -d) || exit 1',
      sh`code=$(curl -sS ${options} -D "$d/h" -o "$d/b" -w '%{http_code} %{url_effective}' -- ${args.url}); rc=$?`,
      'printf \'%s\\n--headers\\n\' "$code"; cat "$d/h" 2>/dev/null; printf \'\\n--body\\n\'; base64 < "$d/b" 2>/dev/null; rm -rf -- "$d"; exit $rc',
    ].join('\n');
    const codes = args.status_code === undefined ? [200] : Array.isArray(args.status_code) ? args.status_code : [args.status_code];
    return {
      changes: [{ summary: `request ${method} ${args.url}`, command, stdin: body, probe: true, result: (out) => answerOf(out, codes, args.return_content === true) }],
    };
  },
};

function skip(message: string): Plan {
  return { changes: [], reason: message, data: { stdout: message } };
}

/** The bytes to send and the Content-Type they call for, as Ansible's body_format makes them. */
function bodyOf(args: UriArgs): { body?: string; type?: string } {
  if (args.body === undefined) return {};
  const format = args.body_format ?? 'raw';
  if (format === 'json') return { body: typeof args.body === 'string' ? args.body : pythonJson(args.body), type: 'application/json' };
  if (format === 'form-urlencoded') {
    if (typeof args.body === 'string') return { body: args.body, type: 'application/x-www-form-urlencoded' };
    if (typeof args.body !== 'object' || args.body === null || Array.isArray(args.body)) throw new BcError('uri: a form-urlencoded body must be a map or text');
    return { body: new URLSearchParams(Object.entries(args.body).map(([k, v]) => [k, String(v)])).toString(), type: 'application/x-www-form-urlencoded' };
  }
  if (typeof args.body !== 'string') throw new BcError('uri: a raw body must be text', undefined, 'give body_format: json to send a map as JSON');
  return { body: args.body };
}

/** Python's json.dumps with its defaults (", " and ": " separators, non-ASCII escaped), so a server sees the same bytes from either tool. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
  return (JSON.stringify(value) ?? 'null').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why: curl's status line, the last answer's headers and the body (base64), read into Ansible's result. */
export function answerOf(out: CommandOutput, codes: number[], returnContent: boolean): Record<string, unknown> {
  const [head, rest = ''] = out.stdout.split('\n--headers\n');
  const [headerText, bodyBase64 = ''] = rest.split('\n--body\n');
  const [statusText, ...urlParts] = head.trim().split(' ');
  const status = Number(statusText);
  const content = Buffer.from(bodyBase64.replace(/\s+/g, ''), 'base64').toString('utf8');
  const blocks = headerText.replace(/\r/g, '').trim().split(/\n\n+/);
  const headers: Record<string, string> = {};
  for (const line of (blocks.at(-1) ?? '').split('\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase().replaceAll('-', '_')] = line.slice(colon + 1).trim();
  }
  const result: Record<string, unknown> = { ...headers, status, url: urlParts.join(' '), redirected: blocks.length > 1, msg: `OK (${headers.content_length ?? 'unknown'} bytes)` };
  const subtype = (headers.content_type ?? '').split(';')[0].split('/')[1]?.toLowerCase() ?? '';
  if (['json', 'javascript'].includes(subtype.split('+').at(-1) ?? '')) {
    try {
      result.json = JSON.parse(content);
    } catch {
      // Not JSON after all: Ansible registers no json then either.
    }
  }
  const ok = codes.includes(status);
  if (returnContent || !ok) result.content = content;
  if (!ok) throw new BcError(`Status code was ${status} and not [${codes.join(', ')}]: HTTP Error ${status}`);
  return result;
}
