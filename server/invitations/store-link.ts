/**
 * The after-commit email work of an invitation needs a second `store.write` (email_status must
 * replicate), but the sync push path hands the rules only `services`. Each server wires one
 * Services object into both its API and its sync routes, so the invitations routes link that
 * object to the server's DocumentStore when they are mounted, and the email work finds it here.
 * (A `store` in RuleContext would make this unnecessary: proposed to the integrator.)
 */
import type { Services } from '../api/deps';
import type { DocumentStore } from '../sync/store';

const stores = new WeakMap<Services, DocumentStore>();

export function linkStore(services: Services, store: DocumentStore): void {
  stores.set(services, store);
}

export function storeOf(services: Services): DocumentStore | null {
  return stores.get(services) ?? null;
}
