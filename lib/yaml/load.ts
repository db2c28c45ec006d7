// YAML files keep their source, so every later error can point at file:line:col with a snippet.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type Location } from '../errors.js';
import { yamlSyntaxError } from './syntax-error.js';

export type YamlPath = ReadonlyArray<string | number>;

/** Why: the parsed data and the way back from any path in it to where it was written. */
export interface YamlFile {
  /** Path as shown to the user (relative to the working directory when inside it). */
  file: string;
  data: unknown;
  /** Location of the value at `path` (or of its key, with key: true); nearest existing parent otherwise. */
  locate(path: YamlPath, options?: { key?: boolean }): Location;
}

/** Why: reads and parses a YAML file, turning syntax errors into located InputErrors. */
export function loadYamlFile(path: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${displayPath(path)}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return parseYaml(text, displayPath(path));
}

/** Why: the same as loadYamlFile for text already in memory (tests, -e values). */
export function parseYaml(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lines = text.split('\n');
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, source: lines[line - 1] ?? '' };
  };
  const problem = doc.errors[0];
  if (problem) throw yamlSyntaxError(problem, text, at);
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    file,
    data,
    locate: (path, options) => at(offsetOf(doc, path, options?.key ?? false)),
  };
}

function offsetOf(doc: Document, path: YamlPath, wantKey: boolean): number {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = node.items[segment];
      node = node.items[segment];
    } else {
      break;
    }
  }
  const target = (wantKey && keyNode ? keyNode : node) as Node | undefined;
  return target?.range?.[0] ?? 0;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Why: messages show paths relative to where the user stands, as they typed them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
