// wait_for: poll until a port accepts (or refuses) connections or a URL answers with a status.
import { sh } from '../shell/quote.js';
import type { ModuleDefinition } from './module.js';

export interface WaitForArgs {
  port?: number;
  host?: string;
  state?: 'started' | 'stopped';
  url?: string;
  status?: number;
  timeout?: number;
  delay?: number;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'TCP port to wait for.' },
    host: { type: 'string', minLength: 1, default: '127.0.0.1', description: 'Host of the port, as seen from the managed host.' },
    state: {
      enum: ['started', 'stopped'],
      default: 'started',
      description: 'started: wait until the port accepts connections; stopped: until it refuses them.',
    },
    url: {
      type: 'string',
      pattern: '^http://[^/\\s]+',
      description: 'Plain http:// URL to GET until it answers with `status` (checked with bash alone, no curl needed; no https).',
    },
    status: { type: 'integer', minimum: 100, maximum: 599, default: 200, description: 'HTTP status the URL must answer.' },
    timeout: { type: 'integer', minimum: 1, default: 60, description: 'Seconds to keep trying before failing.' },
    delay: { type: 'integer', minimum: 0, default: 0, description: 'Seconds to wait before the first try.' },
  },
  oneOf: [{ required: ['port'] }, { required: ['url'] }],
  dependencies: { host: ['port'], state: ['port'], status: ['url'] },
};

// Runs under bash (for /dev/tcp) with every value as a positional argument, never in the text.
// Each attempt gets 5 s, so a host that drops packets cannot stall the loop past the timeout.
const PROBE = String.raw`mode=$1 host=$2 port=$3 path=$4 want=$5 limit=$6 delay=$7
tcp_try() { exec 3<>"/dev/tcp/$1/$2"; }
http_try() {
  exec 3<>"/dev/tcp/$1/$2" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$3" "$4" >&3
  IFS=$' \r' read -r _ code _ <&3 && echo "$code"
}
export -f tcp_try http_try
[ "$port" = 80 ] && header=$host || header=$host:$port
sleep "$delay"
end=$((SECONDS + limit))
last=none
while :; do
  case $mode in
    open) timeout 5 bash -c 'tcp_try "$@"' _ "$host" "$port" 2>/dev/null && exit 0 ;;
    closed) timeout 5 bash -c 'tcp_try "$@"' _ "$host" "$port" 2>/dev/null || exit 0 ;;
    http) last=$(timeout 5 bash -c 'http_try "$@"' _ "$host" "$port" "$path" "$header" 2>/dev/null) || last=none
      [ "$last" = "$want" ] && exit 0 ;;
  esac
  if [ "$SECONDS" -ge "$end" ]; then
    case $mode in
      open) echo "timed out after $limit s: $host:$port did not accept connections" >&2 ;;
      closed) echo "timed out after $limit s: $host:$port still accepts connections" >&2 ;;
      http) echo "timed out after $limit s: http://$header$path answered $last, not $want" >&2 ;;
    esac
    exit 1
  fi
  sleep 0.5
done`;

interface Target {
  mode: 'open' | 'closed' | 'http';
  host: string;
  port: number;
  path: string;
  status: number;
  summary: string;
}

/** Why: a deploy must not go on before what it started answers; this waits without changing anything. */
export const waitForModule: ModuleDefinition<WaitForArgs> = {
  name: 'wait_for',
  description: 'Waits until a TCP port accepts or refuses connections, or an http:// URL answers with a status.',
  schema,
  facts: () => [],
  plan(args) {
    const limit = args.timeout ?? 60;
    const delay = args.delay ?? 0;
    const t = target(args);
    const after = delay ? ` after ${delay}s` : '';
    return {
      changes: [
        {
          summary: `wait up to ${limit}s${after} for ${t.summary}`,
          command: sh`bash -c ${PROBE} wait_for ${t.mode} ${t.host} ${t.port} ${t.path} ${t.status} ${limit} ${delay}`,
          probe: true,
          timeoutMs: (limit + delay + 10) * 1000,
        },
      ],
    };
  },
};

function target(args: WaitForArgs): Target {
  if (args.url !== undefined) {
    const url = new URL(args.url);
    const status = args.status ?? 200;
    return {
      mode: 'http',
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port || 80),
      path: `${url.pathname}${url.search}`,
      status,
      summary: `${args.url} to answer ${status}`,
    };
  }
  const host = args.host ?? '127.0.0.1';
  const port = args.port ?? 0;
  const stopped = args.state === 'stopped';
  return {
    mode: stopped ? 'closed' : 'open',
    host,
    port,
    path: '/',
    status: 0,
    summary: `${host}:${port} to ${stopped ? 'refuse' : 'accept'} connections`,
  };
}
