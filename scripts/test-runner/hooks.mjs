// Module resolution hook: the bare specifier 'uvu' resolves to ./uvu.mjs, except inside ./uvu.mjs
// itself, which wraps the real uvu.
const WRAPPER = new URL('./uvu.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'uvu' && context.parentURL !== WRAPPER) return { url: WRAPPER, shortCircuit: true };
  return next(specifier, context);
}
