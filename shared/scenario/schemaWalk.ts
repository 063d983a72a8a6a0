// Looks up the part of the zod schema that governs a data path, so error messages can name the
// keys a mapping allows (for "did you mean") and the description of a missing field.
import { z } from 'zod';
import type { PathSegment } from './yamlSource';

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  options?: Schema[];
  valueType?: Schema;
}
interface Schema {
  _zod: { def: Def };
}

function def(s: Schema): Def {
  return s._zod.def;
}

/** Strips optional/default/pipe wrappers, collecting the first description met on the way. */
function unwrap(s: Schema): { schema: Schema; description?: string } {
  let description: string | undefined;
  for (let i = 0; i < 16; i++) {
    description ??= z.globalRegistry.get(s as never)?.description;
    const d = def(s);
    if (
      (d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'nullable' || d.type === 'readonly') &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = def(d.in).type === 'transform' && d.out ? d.out : d.in;
    else break;
  }
  return { schema: s, description };
}

/** The schemas a path can lead to (several when it crosses a union). */
export function schemasAt(root: Schema, path: readonly PathSegment[]): { schema: Schema; description?: string }[] {
  let current = [unwrap(root)];
  for (const seg of path) {
    const next: { schema: Schema; description?: string }[] = [];
    const expand = (s: Schema) => {
      const d = def(s);
      if (d.type === 'union' && d.options) for (const o of d.options) expand(unwrap(o).schema);
      else if (d.type === 'object' && d.shape && typeof seg === 'string' && d.shape[seg]) next.push(unwrap(d.shape[seg]));
      else if (d.type === 'array' && d.element && typeof seg === 'number') next.push(unwrap(d.element));
      else if (d.type === 'record' && d.valueType) next.push(unwrap(d.valueType));
    };
    for (const c of current) expand(c.schema);
    current = next;
    if (!current.length) break;
  }
  return current;
}

/** Keys a mapping at `path` may have (union of the object branches there). */
export function keysAt(root: Schema, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  const add = (s: Schema) => {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
    else if (d.type === 'union' && d.options) for (const o of d.options) add(unwrap(o).schema);
  };
  for (const c of schemasAt(root, path)) add(c.schema);
  return [...keys];
}

/** Human description of the field at `path`, if the schema gives one. */
export function descriptionAt(root: Schema, path: readonly PathSegment[]): string | undefined {
  return schemasAt(root, path).find((c) => c.description)?.description;
}

export type { Schema as WalkableSchema };
