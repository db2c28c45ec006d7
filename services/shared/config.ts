// Settings come from the environment (the env file node-service writes). Every setting is read
// through one Reader so a bad environment is reported all at once, in plain words, before start.

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing to start, the environment is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// Why: one object collects every problem so the operator fixes the env file in one pass.
export class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string {
    const raw = this.env[name]?.trim();
    if (raw) return raw;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is missing`);
    return '';
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name}="${raw}" is not a whole number between ${min} and ${max}`);
      return fallback;
    }
    return value;
  }

  url(name: string, protocols: string[], fallback?: string): string {
    const raw = this.string(name, fallback);
    if (!raw) return raw;
    let protocol = '';
    try {
      protocol = new URL(raw).protocol.replace(/:$/, '');
    } catch {
      protocol = '';
    }
    if (!protocols.includes(protocol)) {
      this.problems.push(`${name} is not a ${protocols.join(' or ')} URL (got "${redact(raw)}")`);
    }
    return raw;
  }
}

// Why: a URL may carry a password; messages and logs must never show it.
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

// Why: the single way a service turns its environment into typed settings, or a ConfigError.
export function readSettings<T>(env: Env, read: (reader: Reader) => T): T {
  const reader = new Reader(env);
  const settings = read(reader);
  if (reader.problems.length) throw new ConfigError(reader.problems);
  return settings;
}
