/**
 * The app's storage validation: every document the app writes into its collections is checked
 * with z-schema (validate-ajv needs eval, which the app's CSP forbids) before it reaches Dexie.
 *
 * Two kinds of writes are not checked a second time:
 * - the replication's bookkeeping (meta instances, which embed a copy of every pulled document):
 *   validating them cost ~40% of a 10,000-athlete first sync;
 * - documents the replication pulls from the server (bulkWrite context `replication-downstream-*`,
 *   set by RxDB's replication protocol): the server stores only documents its shared zod schemas
 *   (stricter than these JSON schemas) accepted, and validating them again was ~30% of the page's
 *   script time in a 120,000-document first sync (tests/bench first-sync suite, profiled).
 * Local edits, conflict resolutions and migrations are still validated.
 * Same shape as RxDB's wrappedValidateStorageFactory (rxdb/src/plugin-helpers.ts), plus the context check.
 */
import {
  META_INSTANCE_SCHEMA_TITLE,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstanceCreationParams,
  type RxStorageWriteError,
} from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';

// `unknown` storage parameters: any RxStorage (Dexie in the app, memory in tests) is accepted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRxStorage = RxStorage<any, any>;

/** The bulkWrite context of RxDB's replication writing pulled documents (replication-protocol/index.ts). */
export const PULLED_CONTEXT_PREFIX = 'replication-downstream-';

export type ValidationOptions = {
  /** Validate documents pulled from the server too (what the app did before; the first-sync bench compares). */
  validatePulled?: boolean;
};

export function validatedStorage(base: AnyRxStorage, options: ValidationOptions = {}): AnyRxStorage {
  return {
    ...base,
    name: `validate-z-schema-${base.name}`,
    async createStorageInstance<Doc>(params: RxStorageInstanceCreationParams<Doc, unknown>) {
      const instance = await base.createStorageInstance(params);
      if (params.schema.title === META_INSTANCE_SCHEMA_TITLE) return instance;
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      let validate: ReturnType<typeof getValidator> | null = null;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows: BulkWriteRow<Doc>[], context: string): Promise<RxStorageBulkWriteResponse<Doc>> => {
        if (!options.validatePulled && context.startsWith(PULLED_CONTEXT_PREFIX)) return write(rows, context);
        validate ??= getValidator(params.schema);
        const errors: RxStorageWriteError<Doc>[] = [];
        const valid: BulkWriteRow<Doc>[] = [];
        for (const row of rows) {
          const validationErrors = validate(row.document);
          if (validationErrors.length === 0) {
            valid.push(row);
            continue;
          }
          const documentId = (row.document as Record<string, unknown>)[primaryPath] as string;
          errors.push({ status: 422, isError: true, documentId, validationErrors, schema: instance.schema, writeRow: row, context } as RxStorageWriteError<Doc>);
        }
        const written = valid.length > 0 ? write(valid, context) : Promise.resolve({ error: [] } as RxStorageBulkWriteResponse<Doc>);
        return written.then((result) => ({ ...result, error: [...result.error, ...errors] }));
      };
      return instance;
    },
  };
}
