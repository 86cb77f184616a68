/**
 * What must hold once everything is quiet (issue 6):
 * - convergence: every client holds exactly the server's live documents, field for field;
 * - no lost edit: every change the server acknowledged (a pushed row answered with neither a
 *   conflict nor a refusal) is in the server's final state, unless something that may have been
 *   written after it replaced it by the documented rules (shared/sync/merge.ts): a later write of
 *   the same field, a set element removed later, a removal, or a server cascade (a deleted group
 *   leaves its athletes; a removed athlete's assignments go; the server resolves, escalates or
 *   re-evaluates signals and writes an invitation's email fields).
 *
 * "May have been written after": the server serialises an organization's writes, so row B can
 * follow row A only if B was answered (or, when its request failed, could still have been
 * committed) after A was sent. Overlapping pushes count both ways, so the check never blames a
 * legitimate interleaving; an edit with no possible later writer that is not there is lost.
 */
import { canonicalJson, sameJson } from '../../shared/sync/canonical';
import { SIGNAL_COACH_FIELDS } from '../../shared/domain/signal';
import type { Docs, PushedRow } from './protocol';

export type Problem = { kind: 'divergence' | 'lost'; client?: number; collection: string; id: string; field?: string; detail: string };

const SERVER_WRITTEN = new Set(['created_at', 'updated_at']);
const SET_FIELDS: Record<string, readonly string[]> = {
  athletes: ['labels', 'coach_ids', 'group_ids'],
  attention_signals: ['notified_coach_ids'],
};
/** Fields only the server writes (a coach's push carries them unchanged). */
const SERVER_ONLY: Record<string, readonly string[]> = {
  invitations: ['uses', 'accepted_athlete_id', 'accepted_at', 'email_status', 'email_error', 'last_sent_at'],
};

const strip = (doc: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));

/** Server state: collection -> id -> document with `_deleted`. */
export type ServerState = Record<string, Map<string, Record<string, unknown>>>;

export function checkConvergence(client: number, clientDocs: Docs, server: ServerState): Problem[] {
  const problems: Problem[] = [];
  for (const [collection, byId] of Object.entries(server)) {
    const local = new Map((clientDocs[collection] ?? []).map((d) => [String(d.id), strip(d)]));
    for (const [id, doc] of byId) {
      const mine = local.get(id);
      local.delete(id);
      if (doc._deleted) {
        if (mine) problems.push({ kind: 'divergence', client, collection, id, detail: 'client still has a document the server removed' });
        continue;
      }
      if (!mine) problems.push({ kind: 'divergence', client, collection, id, detail: 'missing on the client' });
      else if (canonicalJson(mine) !== canonicalJson(strip(doc))) {
        const fields = Object.keys({ ...mine, ...strip(doc) }).filter((k) => !sameJson(mine[k], doc[k]));
        problems.push({ kind: 'divergence', client, collection, id, detail: `differs in ${fields.join(', ')}: client ${canonicalJson(Object.fromEntries(fields.map((f) => [f, mine[f]])))} server ${canonicalJson(Object.fromEntries(fields.map((f) => [f, doc[f]])))}` });
      }
    }
    for (const id of local.keys()) problems.push({ kind: 'divergence', client, collection, id, detail: 'on the client only' });
  }
  return problems;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const has = (xs: unknown[], x: unknown) => xs.some((y) => sameJson(x, y));

/** Rows that may have been committed after `a` (same document, possibly written, not `a` itself). */
function laterWriters(a: PushedRow, rows: readonly PushedRow[]): PushedRow[] {
  return rows.filter((b) => b !== a && b.collection === a.collection && b.id === a.id && (b.outcome === 'acked' || b.outcome === 'unknown') && (b.outcome === 'unknown' || b.answeredAt > a.sentAt));
}

const changed = (b: PushedRow, field: string) => !b.assumed || !sameJson(b.newDoc[field], b.assumed[field]);

/** Why a change of `a` to `field` is not in `final` although that is allowed, or null. */
function excused(a: PushedRow, field: string, final: Record<string, unknown>, server: ServerState, later: readonly PushedRow[]): boolean {
  if (a.collection === 'attention_signals') {
    if (final.status === 'resolved') return true;
    // The server re-evaluated the signal since (its own fields changed): it may have reopened or escalated it.
    const ownFields = Object.keys(final).filter((k) => !(SIGNAL_COACH_FIELDS as readonly string[]).includes(k) && !SERVER_WRITTEN.has(k) && !k.startsWith('_'));
    if (ownFields.some((k) => !sameJson(final[k], a.newDoc[k]))) return true;
  }
  if (a.collection === 'plan_assignments' && final._deleted) {
    const athlete = server.athletes?.get(String(final.athlete_id));
    if (athlete?._deleted) return true;
  }
  return later.some((b) => b.newDoc._deleted === true && !a.newDoc._deleted) && field !== '_deleted';
}

export function checkLostEdits(rows: readonly PushedRow[], server: ServerState): Problem[] {
  const problems: Problem[] = [];
  const lost = (a: PushedRow, field: string, detail: string) => problems.push({ kind: 'lost', client: a.client, collection: a.collection, id: a.id, field, detail });
  for (const a of rows) {
    if (a.outcome !== 'acked') continue;
    const final = server[a.collection]?.get(a.id);
    if (!final) {
      lost(a, '*', 'acknowledged document is not on the server at all');
      continue;
    }
    const later = laterWriters(a, rows);
    const wasDeleted = Boolean(a.assumed?._deleted);
    if (a.newDoc._deleted === true) {
      if (!wasDeleted && !final._deleted && !later.some((b) => b.newDoc._deleted !== true)) lost(a, '_deleted', 'acknowledged removal was undone');
      continue;
    }
    if (final._deleted) {
      if (!excused(a, '*', final, server, later) && !later.some((b) => b.newDoc._deleted === true)) lost(a, '_deleted', 'document removed with no removal written after this edit');
      continue;
    }
    const setFields = SET_FIELDS[a.collection] ?? [];
    const serverOnly = SERVER_ONLY[a.collection] ?? [];
    for (const field of Object.keys(a.newDoc)) {
      if (field.startsWith('_') || SERVER_WRITTEN.has(field) || serverOnly.includes(field) || !changed(a, field)) continue;
      const value = a.newDoc[field];
      if (sameJson(final[field], value)) continue;
      if (excused(a, field, final, server, later)) continue;
      if (setFields.includes(field)) {
        const before = arr(a.assumed?.[field]);
        const now = arr(final[field]);
        for (const x of arr(value).filter((x) => !has(before, x))) {
          if (has(now, x)) continue;
          if (later.some((b) => changed(b, field) && has(arr(b.assumed?.[field]), x) && !has(arr(b.newDoc[field]), x))) continue;
          if (field === 'group_ids' && server.groups?.get(String(x))?._deleted) continue; // cascade of a group's deletion
          lost(a, field, `added ${canonicalJson(x)} is missing (final ${canonicalJson(now)})`);
        }
        for (const x of before.filter((x) => !has(arr(value), x))) {
          if (!has(now, x)) continue;
          if (later.some((b) => changed(b, field) && has(arr(b.newDoc[field]), x) && !has(arr(b.assumed?.[field]), x))) continue;
          lost(a, field, `removed ${canonicalJson(x)} is back (final ${canonicalJson(now)})`);
        }
        continue;
      }
      if (later.some((b) => changed(b, field) && sameJson(b.newDoc[field], final[field]))) continue;
      lost(a, field, `acknowledged ${canonicalJson(value)}, final ${canonicalJson(final[field])}`);
    }
  }
  return problems;
}
