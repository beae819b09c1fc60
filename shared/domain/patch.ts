import { z } from 'zod';

/**
 * The schema of a change to a settings object: only the fields sent, each validated as in the
 * full schema. Not `schema.partial()`: in zod 4 that fills every absent field with its default,
 * so a one-field change would silently reset the trader's other settings.
 */
export function patchSchema<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodType<Partial<z.output<z.ZodObject<S>>>> {
  const fields = Object.entries(schema.shape).map(([name, field]) => {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    return [name, bare.optional()];
  });
  return z.object(Object.fromEntries(fields)).strict() as unknown as z.ZodType<Partial<z.output<z.ZodObject<S>>>>;
}
