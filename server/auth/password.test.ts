import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const a = await hashPassword('same', FAST);
    const b = await hashPassword('same', FAST);
    expect(a).not.toBe(b);
  });

  it('never matches a malformed or hostile stored value', async () => {
    for (const stored of ['', 'plain', 'scrypt$1024$8$1$$', 'bcrypt$1$2$3$YQ$YQ', 'scrypt$99999999$8$1$YQ$YQ', 'scrypt$x$8$1$YQ$YQ']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('uses the parameters recorded in the hash', async () => {
    const stored = await hashPassword('pw', { N: 2048, r: 4, p: 1 });
    expect(stored.startsWith('scrypt$2048$4$1$')).toBe(true);
    expect(await verifyPassword('pw', stored)).toBe(true);
  });
});
