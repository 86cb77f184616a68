/**
 * One write that every live client must see: coach A's session pushes a new display name
 * (`${MARK}<n>.`) of one athlete through the real push endpoint, with the assumed master state it
 * pushed last time. The capacity steps use it to check that a write reaches every open stream.
 */
import type { Athlete } from '../../../../shared/domain/athlete';
import { syncBasePath, type PushResponse } from '../../../../shared/sync/protocol';
import { MARK } from './sse-clients';

export class MarkerWriter {
  private current: Athlete & { _deleted: boolean };

  constructor(
    private readonly serverUrl: string,
    private readonly orgId: string,
    private readonly token: string,
    athlete: Athlete,
  ) {
    this.current = { ...athlete, _deleted: false };
  }

  /** Pushes marker `n`; throws when the server does not write it. */
  async write(n: number): Promise<void> {
    const next = { ...this.current, display_name: `${MARK}${n}.` };
    const res = await fetch(`${this.serverUrl}${syncBasePath(this.orgId)}/athletes/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ newDocumentState: next, assumedMasterState: this.current }] }),
    });
    if (!res.ok) throw new Error(`marker push: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PushResponse<Record<string, unknown>>;
    if (body.conflicts.length > 0 || body.rejections.length > 0) throw new Error(`marker push not written: ${JSON.stringify(body).slice(0, 300)}`);
    this.current = next;
  }
}
