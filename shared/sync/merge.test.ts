import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSet, threeWayMerge } from './merge';

const opts = { setFields: ['labels'], serverFields: ['updated_at'] };
const base = { id: 'a', display_name: 'Jo', member_level: 'beginner', labels: ['@a', '@b'], status: 'active', updated_at: '1', _deleted: false };

describe('threeWayMerge', () => {
  it('keeps both edits when two coaches changed different fields', () => {
    const local = { ...base, display_name: 'Jojo' };
    const master = { ...base, member_level: 'advanced', updated_at: '2' };
    const r = threeWayMerge(base, local, master, opts);
    expect(r.merged).toMatchObject({ display_name: 'Jojo', member_level: 'advanced', updated_at: '2' });
    expect(r.clashes).toEqual([]);
  });

  it('merges labels as sets: additions and removals of both sides survive', () => {
    const local = { ...base, labels: ['@a', '@c'] }; // removed @b, added @c
    const master = { ...base, labels: ['@a', '@b', '@d'] }; // added @d
    const r = threeWayMerge(base, local, master, opts);
    expect(r.merged.labels).toEqual(['@a', '@d', '@c']);
    expect(r.clashes).toEqual([]);
  });

  it("takes the server's value on a same-field clash and reports it", () => {
    const local = { ...base, status: 'inactive' };
    const master = { ...base, status: 'suspended' };
    const r = threeWayMerge(base, local, master, opts);
    expect(r.merged.status).toBe('suspended');
    expect(r.clashes).toEqual([{ field: 'status', local: 'inactive', master: 'suspended' }]);
  });

  it('does not report a clash when both sides made the same change', () => {
    const local = { ...base, status: 'inactive' };
    const master = { ...base, status: 'inactive' };
    expect(threeWayMerge(base, local, master, opts).clashes).toEqual([]);
  });

  it('never lets server-written fields come from the client', () => {
    const local = { ...base, updated_at: 'client-clock' };
    const master = { ...base, updated_at: 'server' };
    expect(threeWayMerge(base, local, master, opts).merged.updated_at).toBe('server');
  });

  it('without a base, every differing field is a clash won by the server', () => {
    const local = { ...base, display_name: 'X' };
    const master = { ...base, display_name: 'Y' };
    const r = threeWayMerge(null, local, master, opts);
    expect(r.merged.display_name).toBe('Y');
    expect(r.clashes.map((c) => c.field)).toEqual(['display_name']);
  });

  it('reports an edit made to a document the server has removed', () => {
    const local = { ...base, display_name: 'X' };
    const master = { ...base, _deleted: true };
    const r = threeWayMerge(base, local, master, opts);
    expect(r.merged._deleted).toBe(true);
    expect(r.removedOnServer).toBe(true);
  });

  it('property: the merge keeps every non-clashing change of either side', () => {
    const field = fc.constantFrom('x', 'y', 'z');
    fc.assert(
      fc.property(fc.option(field), fc.option(field), fc.option(field), (l, m, b) => {
        const B = { v: b ?? 'b0', _deleted: false };
        const L = { v: l ?? B.v, _deleted: false };
        const M = { v: m ?? B.v, _deleted: false };
        const r = threeWayMerge(B, L, M, opts);
        if (L.v === B.v) expect(r.merged.v).toBe(M.v);
        else if (M.v === B.v) expect(r.merged.v).toBe(L.v);
        else expect(r.merged.v).toBe(M.v);
        expect(r.clashes.length).toBe(L.v !== B.v && M.v !== B.v && L.v !== M.v ? 1 : 0);
      }),
    );
  });
});

describe('mergeSet', () => {
  it('is master plus local additions minus local removals', () => {
    expect(mergeSet(['a', 'b'], ['b', 'c'], ['a', 'b', 'd'])).toEqual(['b', 'd', 'c']);
    expect(mergeSet([], ['a'], ['a'])).toEqual(['a']);
  });
});
