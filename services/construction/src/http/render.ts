// The one place that imports ejs: renders a view from the views folder with the shared helpers.
import ejs from 'ejs';
import { join } from 'node:path';

const money = (cents: number) => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const label = (status: string) => status.replace('_', ' ');

// Why: what the web routes receive to turn a view and its data into HTML.
export type Render = (view: string, data: Record<string, unknown>) => Promise<string>;

// Why: views get money() and label() everywhere; compiled templates are cached by ejs.
export function createRenderer(viewsDir: string): Render {
  return (view, data) => ejs.renderFile(join(viewsDir, `${view}.ejs`), { money, label, ...data }, { cache: true, async: false });
}
