// A keep-alive HTTP load generator: N concurrent clients for a fixed time, counting answers.
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface LoadTarget {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: () => string;
}

function once(agent: Agent, t: LoadTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = t.body?.();
    const req = request(t.url, { method: t.method ?? 'GET', agent, headers: { ...t.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// Why: the HTTP figures in RESULTS-services.md come from here (no extra load-testing dependency).
export async function load(t: LoadTarget, seconds: number, concurrency: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  const client = async () => {
    while (Date.now() < deadline) {
      const start = performance.now();
      const status = await once(agent, t).catch(() => 0);
      if (status >= 200 && status < 300) times.push(performance.now() - start);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  times.sort((a, b) => a - b);
  return { requests: times.length, perSecond: Math.round(times.length / seconds), p50Ms: +percentile(times, 50).toFixed(2), p99Ms: +percentile(times, 99).toFixed(2), errors };
}
