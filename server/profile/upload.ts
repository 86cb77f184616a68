/**
 * The one API route that takes a body other than JSON: an activity file posted as the raw body of
 * POST .../athletes/{id}/activities. server/app.ts asks `isActivityUpload` to give that request the
 * file limit (50 MB, shared/activities MAX_ACTIVITY_FILE_BYTES) instead of the 1 MiB JSON limit,
 * and to let it past the JSON-only rule.
 */
import { MAX_ACTIVITY_FILE_BYTES } from '../../shared/activities/import';
import type { Db } from '../db/db';

export const ACTIVITY_FILE_TYPES = ['application/octet-stream', 'application/gpx+xml', 'application/vnd.garmin.tcx+xml', 'application/xml', 'text/xml'] as const;
export const ACTIVITY_UPLOAD_LIMIT = MAX_ACTIVITY_FILE_BYTES;

const UPLOAD_PATH = /^\/api\/v1\/organizations\/[^/]+\/athletes\/[^/]+\/activities\/?$/;

/** A POST of an activity file to an athlete's activities. */
export function isActivityUpload(method: string, path: string, contentType: string | undefined): boolean {
  if (method !== 'POST' || !UPLOAD_PATH.test(path)) return false;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (ACTIVITY_FILE_TYPES as readonly string[]).includes(type);
}

/** The organization's time zone (UTC when unknown), outside a write. */
export async function orgZone(db: Db, orgId: string): Promise<string> {
  const { rows } = await db.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [orgId]);
  return rows[0]?.time_zone ?? 'UTC';
}
