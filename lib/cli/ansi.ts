// Plain ANSI colors, on or off per reporter: no color package for six SGR codes.

export type Color = 'red' | 'green' | 'yellow' | 'cyan' | 'magenta' | 'bold';

const CODES: Record<Color, number> = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, bold: 1 };

/** Why: the reporter decides colors once (TTY, NO_COLOR, --no-color); paint() then needs no checks. */
export function painter(enabled: boolean): (color: Color, text: string) => string {
  if (!enabled) return (_color, text) => text;
  return (color, text) => (text === '' ? text : `\x1b[${CODES[color]}m${text}\x1b[0m`);
}
