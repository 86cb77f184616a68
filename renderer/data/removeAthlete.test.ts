import { afterEach, describe, expect, it } from 'vitest';
import { removeAthlete } from './athletes';
import type { AstralData } from './database';
import { readOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

describe('removeAthlete', () => {
  it('writes a tombstone to push (outbox first) and names the athlete', async () => {
    const data = await openTestDatabase();
    open = data;
    await data.db.athletes.bulkInsert([sampleAthlete(1, { first_name: 'Ana', last_name: 'Silva' }), sampleAthlete(2)]);
    expect(await removeAthlete(data.db, uuid(1))).toEqual({ ok: true, name: 'Ana Silva' });
    expect(await readOutbox(data.db)).toEqual([`athletes:${uuid(1)}`]);
    expect((await data.db.athletes.find().exec()).map((a) => a.id)).toEqual([uuid(2)]);
    expect(await removeAthlete(data.db, uuid(1))).toEqual({ ok: false, message: 'This athlete is no longer in your organization.' });
  });
});
