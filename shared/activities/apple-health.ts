import { fail, type ParsedFile, type ParseOptions } from './types';
export function parseAppleHealth(_fileName: string, _bytes: Uint8Array, _options: ParseOptions): ParsedFile {
  return fail('apple_health', 'file', 'Apple Health exports are not imported yet.');
}
