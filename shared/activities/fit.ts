import { fail, type ParsedFile, type ParseOptions } from './types';
export function parseFit(_fileName: string, _bytes: Uint8Array, _options: ParseOptions): ParsedFile {
  return fail('fit', 'file', 'FIT files are not imported yet.');
}
