// Python's regular expressions and fnmatch patterns, as Ansible users write them, read as JavaScript's.
import { InputError } from '../../errors.js';

/** Why: Python's named groups (`(?P<k>…)`, `(?P=k)`) are the one syntax JavaScript spells otherwise. */
export function pythonRegex(source: string, flags: string, argument: string): RegExp {
  try {
    return new RegExp(source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), flags);
  } catch (error) {
    throw new InputError(`${argument} is not a valid JavaScript regular expression: ${(error as Error).message}`);
  }
}

/** Why: Python's fnmatch (`*`, `?`, `[seq]`, `[!seq]`, case-sensitive, whole name), as Ansible's find matches names. */
export function fnmatchRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) out += '\\[';
      else {
        let set = pattern.slice(i + 1, j).replace(/\\/g, '\\\\');
        i = j;
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        else if (set.startsWith('^')) set = `\\${set}`;
        out += `[${set}]`;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}
