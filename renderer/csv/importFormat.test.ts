import { describe, expect, it } from 'vitest';
import { formatImportValue } from './importFormat';

describe('formatImportValue', () => {
  it('shows empty values, lists, statuses and long notes readably', () => {
    expect(formatImportValue('display_name', null)).toBe('(empty)');
    expect(formatImportValue('private_notes', '')).toBe('(empty)');
    expect(formatImportValue('labels', [])).toBe('(none)');
    expect(formatImportValue('labels', ['@a', '@b'])).toBe('@a, @b');
    expect(formatImportValue('status', 'suspended')).toBe('Suspended');
    expect(formatImportValue('private_notes', 'a\nb')).toBe('a ⏎ b');
    expect(formatImportValue('private_notes', 'x'.repeat(200))).toHaveLength(80);
  });
});
