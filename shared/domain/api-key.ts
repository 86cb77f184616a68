/**
 * An organization API key as the API shows it (never the key itself, except once in the answer to
 * its creation): one definition for the server's storage, its OpenAPI document and the app.
 */
import { z } from 'zod';

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  key_prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
  created_by: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable().meta({ description: 'Last use, to the minute' }),
});
export type ApiKey = z.infer<typeof ApiKey>;

/** The answer to creating a key: the only time the key itself is seen. */
export const CreatedApiKey = ApiKey.extend({ key: z.string().meta({ description: 'The key, `ak_...`: shown this once, store it now' }) });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
