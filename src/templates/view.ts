/**
 * Templates run in strict mode, where `{{#if subtitle}}` throws when the key is absent. The view
 * model therefore carries every optional key of the schema, set to null when the YAML left it out.
 */
import { z } from 'zod';
import { unwrapSchema } from '../curriculum/index.js';

export function viewOf(schema: z.ZodType, value: unknown): unknown {
  const s = unwrapSchema(schema);
  if (value === undefined || value === null) return null;
  if (s instanceof z.ZodObject && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    const shape = s.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(shape)) out[key] = viewOf(shape[key]!, (value as Record<string, unknown>)[key]);
    for (const [key, v] of Object.entries(value)) if (!(key in out)) out[key] = v;
    return out;
  }
  if (s instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => viewOf(s.element as z.ZodType, v));
  return value;
}
