// Small HTTP client for tests: a tenant header, a JSON or form body, the answer as text and JSON.
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

export interface Call {
  tenant?: string;
  json?: unknown;
  form?: Record<string, string>;
  raw?: { type: string; body: string };
}

// Why: every test talks to the app the way nginx does, with X-Tenant-Slug.
export async function call(base: string, method: string, path: string, opts: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.tenant) headers['x-tenant-slug'] = opts.tenant;
  let body: string | undefined;
  if (opts.json !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(opts.json)];
  if (opts.form) [headers['content-type'], body] = ['application/x-www-form-urlencoded', new URLSearchParams(opts.form).toString()];
  if (opts.raw) [headers['content-type'], body] = [opts.raw.type, opts.raw.body];
  const res = await fetch(new URL(path, base), { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}
