// Request bodies in, responses out: the small HTTP vocabulary the routes share.
import type { IncomingMessage, ServerResponse } from 'node:http';

// Why: a route throws this to answer a clear 4xx; the app turns it into JSON or HTML.
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_BODY = 64 * 1024;

// Why: bodies are capped (413) and typed by Content-Type (415) before any route reads them.
export async function readBody(req: IncomingMessage, kind: 'json' | 'form'): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const want = kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  if (type !== want) throw new HttpError(415, `send the body as ${want}`);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

// Why: every JSON answer goes out with the same headers.
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Why: every HTML answer goes out with the same headers; extra ones carry HX-Trigger.
export function sendHtml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

// Why: ids in paths are positive integers; anything else is a 404 like a missing row.
export function idParam(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, `no such id "${text}"`);
  return id;
}
