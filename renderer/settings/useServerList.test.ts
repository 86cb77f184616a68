import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../session/api';
import { failedState, idSetKey, shouldLoad } from './useServerList';
import { needsConnection } from './teamApi';

describe('server list decisions', () => {
  it('loads online, or offline only while nothing was read yet', () => {
    expect(shouldLoad(true, true)).toBe(true);
    expect(shouldLoad(true, false)).toBe(true);
    expect(shouldLoad(false, false)).toBe(true);
    expect(shouldLoad(false, true)).toBe(false);
  });

  it('a failed load shows the error and whether it is offline, unless a read list is kept', () => {
    expect(failedState(needsConnection('Listing the API keys'), true, false)).toMatchObject({ status: 'error', offline: true, message: expect.stringMatching(/^Listing the API keys needs a connection/) });
    expect(failedState(new ApiRequestError(403, 'forbidden', 'Only the head coach.'), false, true)).toEqual({ status: 'error', message: 'Only the head coach.', offline: false });
    expect(failedState(new Error('x'), true, true)).toBeNull();
  });

  it('the refresh key follows the set of ids, not only its size', () => {
    expect(idSetKey(['b', 'a'])).toBe(idSetKey(['a', 'b']));
    expect(idSetKey(['a', 'b'])).not.toBe(idSetKey(['a', 'c']));
    expect(idSetKey(['a'])).not.toBe(idSetKey(['a', 'b']));
    expect(idSetKey(undefined)).toBe('');
  });
});
