/**
 * Activity file import: FIT, GPX, TCX and Apple Health export.xml to ActivitySummary values (and
 * Apple's daily resting heart rate / HRV), for the app (a file dropped on a profile, offline) and
 * the server (file upload on POST .../activities). Pure TypeScript: no Node or DOM API.
 *
 * The result is all or nothing per file: a file that cannot be read (damaged, truncated, foreign,
 * empty, too large) gives ok:false with problems saying what and where, and imports nothing. In a
 * file holding several activities (a GPX with several tracks, a multi-session FIT, an Apple export
 * with years of workouts) one broken or out-of-range activity is left out and listed in `skipped`;
 * if none is left, the file fails with those problems.
 */
import { parseAppleHealth } from './apple-health';
import { parseFit } from './fit';
import { parseGpx } from './gpx';
import { compressedMessage, describeForeign, formatFromName, hasFitHeader, headText, isGzip, isZip, xmlFormatOf } from './sniff';
import { dayFormatter } from './summary';
import { parseTcx } from './tcx';
import { fail, type ParsedFile, type ParseOptions } from './types';
import { decodeText } from './xml';

export type { ActivityFormat, FileProblem, ParsedFile, ParsedMetric, ParseOptions } from './types';

/** FIT, GPX and TCX files: 50 MB (a 24-hour run recorded every second is about 15 MB of GPX). */
export const MAX_ACTIVITY_FILE_BYTES = 50 * 1024 * 1024;
/** Apple Health export.xml: 300 MB (years of an Apple Watch). Read in chunks: see apple-health.ts. */
export const MAX_APPLE_HEALTH_BYTES = 300 * 1024 * 1024;

const FORMAT_LABELS: Record<ParsedFile['format'], string> = {
  fit: 'FIT file',
  gpx: 'GPX file',
  tcx: 'TCX file',
  apple_health: 'Apple Health export',
  unknown: 'file',
};

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * The format of a file: by content first (FIT header ".FIT", <gpx, <TrainingCenterDatabase,
 * <HealthData), by name second. `head` is the file's first bytes (64 KiB is plenty: Apple's export
 * opens with a long DTD, whose <!DOCTYPE HealthData is recognised too).
 */
export function detectFormat(fileName: string, head: Uint8Array): ParsedFile['format'] {
  if (hasFitHeader(head)) return 'fit';
  if (isZip(head) || isGzip(head)) return 'unknown';
  return xmlFormatOf(headText(head)) ?? formatFromName(fileName) ?? 'unknown';
}

export function parseActivityFile(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const format = detectFormat(fileName, bytes);
  if (bytes.length === 0) return fail(format, 'file', `"${fileName}" is empty (0 bytes): nothing to import.`);
  if (isZip(bytes) || isGzip(bytes)) return fail('unknown', 'file', compressedMessage(bytes, fileName));
  if (options.timeZone !== undefined) {
    try {
      dayFormatter(options.timeZone);
    } catch {
      return fail(format, 'file', `The time zone "${options.timeZone}" is not known, so the file's days cannot be placed.`);
    }
  }
  const limit = format === 'apple_health' ? MAX_APPLE_HEALTH_BYTES : MAX_ACTIVITY_FILE_BYTES;
  if (bytes.length > limit) {
    return fail(format, 'file', `"${fileName}" is ${megabytes(bytes.length)}; a ${FORMAT_LABELS[format]} of at most ${megabytes(limit)} is accepted.`);
  }
  if (format === 'unknown') {
    const what = describeForeign(bytes);
    return fail(
      'unknown',
      'file',
      `"${fileName}" is not an activity file${what ? ` (it looks like ${what})` : ''}. Drop a FIT, GPX or TCX file, or an Apple Health export.xml.`,
    );
  }
  try {
    switch (format) {
      case 'fit':
        return parseFit(fileName, bytes, options);
      case 'apple_health':
        return parseAppleHealth(fileName, bytes, options);
      case 'gpx':
      case 'tcx':
        return xmlFile(fileName, format, bytes, options);
    }
  } catch (error) {
    // The parsers report problems as values; this is the net under a case none of them foresaw.
    const detail = error instanceof Error ? error.message : String(error);
    return fail(format, 'file', `"${fileName}" could not be read as a ${FORMAT_LABELS[format]} (${detail}). Nothing was imported.`);
  }
}

function xmlFile(fileName: string, format: 'gpx' | 'tcx', bytes: Uint8Array, options: ParseOptions): ParsedFile {
  const found = xmlFormatOf(headText(bytes));
  if (found !== format) {
    const what = describeForeign(bytes);
    return fail(format, 'file', `"${fileName}" is not a ${FORMAT_LABELS[format]}${what ? ` (it looks like ${what})` : ''}, so nothing was imported.`);
  }
  const content = decodeText(bytes);
  return format === 'gpx' ? parseGpx(content, options) : parseTcx(content, options);
}
