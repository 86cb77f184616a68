import { z } from 'zod';
import { Id, Timestamp, lineText } from './common';

/** A group of athletes ("Marathon squad"); replicated as collection `groups`. */
export const Group = z.object({
  id: Id,
  name: lineText(80).pipe(z.string().min(1, 'is required')),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Group = z.infer<typeof Group>;
