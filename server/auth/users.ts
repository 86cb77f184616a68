/** Accounts (table `users`). Emails are stored lower-case; the schema normalises input the same way. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { User } from '../../shared/domain/organization';

export type UserRow = User & { password_hash: string | null };

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    'SELECT id, email, first_name, last_name, password_hash FROM users WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const { rows } = await db.query<User>('SELECT id, email, first_name, last_name FROM users WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export type NewUser = { email: string; firstName: string; lastName: string; passwordHash: string | null; id?: string };

/** Inserts an account; the caller maps a unique violation on email to "email taken". */
export async function insertUser(db: Db, input: NewUser): Promise<User> {
  const user: User = { id: input.id ?? randomUUID(), email: input.email.trim().toLowerCase(), first_name: input.firstName, last_name: input.lastName };
  await db.query('INSERT INTO users (id, email, first_name, last_name, password_hash) VALUES ($1, $2, $3, $4, $5)', [
    user.id,
    user.email,
    user.first_name,
    user.last_name,
    input.passwordHash,
  ]);
  return user;
}
