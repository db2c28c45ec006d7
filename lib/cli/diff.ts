// Unified diffs of file contents for --diff, computed with Myers' algorithm (no dependency).
import type { FileDiff } from '../modules/module.js';

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Beyond this many differing lines the diff shows all old lines removed and all new ones added. */
const MAX_EDITS = 2000;

/**
 * Why: reviewers know unified diffs; a 60-line Myers keeps us free of a package for it.
 * Returns the lines of the diff (headers, hunks) without colors; empty when the texts are equal.
 */
export function unifiedDiff(diff: FileDiff, context = 3): string[] {
  const ops = editScript(lines(diff.before), lines(diff.after));
  if (ops.every((op) => op.kind === ' ')) return [];
  return [`--- ${diff.path} (before)`, `+++ ${diff.path} (after)`, ...hunks(ops, context)];
}

/** A last line without a newline carries the marker diff(1) prints, so it diffs as a change. */
function lines(text: string): string[] {
  if (text === '') return [];
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  else all[all.length - 1] += '\n\\ No newline at end of file';
  return all;
}

function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Array<number>(2 * offset + 1).fill(0);
  const trace: number[][] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    // Backtracking reads only diagonals -d-1..d+1 of round d: keep that window, O(D²) memory.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

function backtrack(trace: number[][], a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const window = trace[d];
    const at = (diagonal: number) => window[diagonal + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d > 0) ops.push(x === prevX ? { kind: '+', line: b[--y] } : { kind: '-', line: a[--x] });
  }
  return ops.reverse();
}

function hunks(ops: Op[], context: number): string[] {
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const out: string[] = [];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context) end++;
    const from = Math.max(0, changed[start] - context);
    const to = Math.min(ops.length, changed[end] + context + 1);
    out.push(hunkHeader(ops, from, to), ...ops.slice(from, to).map((op) => op.kind + op.line));
    start = end + 1;
  }
  return out;
}

function hunkHeader(ops: Op[], from: number, to: number): string {
  const before = ops.slice(0, from);
  const inside = ops.slice(from, to);
  // diff(1) style: "5" for one line, "5,3" for three, "4,0" for none (the line before).
  const range = (lineNo: number, count: number) => (count === 1 ? `${lineNo + 1}` : `${count === 0 ? lineNo : lineNo + 1},${count}`);
  const oldStart = before.filter((op) => op.kind !== '+').length;
  const newStart = before.filter((op) => op.kind !== '-').length;
  const oldCount = inside.filter((op) => op.kind !== '+').length;
  const newCount = inside.filter((op) => op.kind !== '-').length;
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`;
}
