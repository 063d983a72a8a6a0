// Module hook: resolve 'electron' to the stand-in.
export async function resolve(spec, ctx, next) {
  if (spec === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(spec, ctx);
}
