/**
 * Sending one generated request and judging its answer, and the tally the suites print at the
 * end ("requests tried: N, 5xx: 0, data changed: no"). A request that carries a defect (`defect`
 * set) must be refused with a 4xx; any request must get an answer below 500, and every 4xx of
 * /api and /sync must carry the `{error: {code, message}}` body.
 */
import { appendFileSync } from 'node:fs';
import http from 'node:http';

export type FuzzRequest = {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What makes this request unacceptable, or null when it may be valid (reads). */
  defect: string | null;
  /** Statuses allowed besides 4xx for a defective request (a sync push answers refused rows with 200). */
  alsoAllowed?: number[];
};

export type Answer = { status: number; text: string; contentType: string };

export async function send(baseUrl: string, req: FuzzRequest): Promise<Answer> {
  if ((req.body?.length ?? 0) > 16 * 1024) return sendLarge(baseUrl, req);
  const res = await fetch(`${baseUrl}${req.path}`, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
}

/**
 * A large body on its own connection, never reused: the server answers 413 and closes while the
 * body is still being written (it does not read what it will refuse), and fetch's shared pool
 * would otherwise hand that closing socket to the next request. A write error after the answer
 * arrived is that close, not a failure.
 */
function sendLarge(baseUrl: string, req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answer: Answer | null = null;
    const body = Buffer.from(req.body ?? '', 'utf8');
    const r = http.request(`${baseUrl}${req.path}`, { method: req.method, headers: { ...req.headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') };
        resolve(answer);
      });
      res.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    });
    r.on('error', (err) => {
      if (!answer) setTimeout(() => (answer ? resolve(answer) : reject(err)), 200);
    });
    r.end(body);
  });
}

const describe = (req: FuzzRequest, res: Answer) =>
  `${req.method} ${req.path.slice(0, 300)} (${req.defect ?? 'no defect'}) -> ${res.status} ${res.text.slice(0, 300)}`;

/** The problem with this answer, or null. */
export function judge(req: FuzzRequest, res: Answer): string | null {
  if (res.status >= 500) return `5xx: ${describe(req, res)}`;
  if (/cannot store or compare/.test(res.text)) return `reached the database unvalidated: ${describe(req, res)}`;
  const isJsonRoute = /^\/(api|sync)\//.test(req.path);
  // 431: Node's HTTP parser refuses a request line or headers over 16 KiB before the app sees it.
  if (res.status >= 400 && isJsonRoute && res.status !== 431) {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return `4xx without a JSON body: ${describe(req, res)}`;
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.code || !error.message) return `4xx without {error:{code,message}}: ${describe(req, res)}`;
  }
  if (req.defect && !(res.status >= 400 && res.status < 500) && !req.alsoAllowed?.includes(res.status)) return `a defective request was accepted: ${describe(req, res)}`;
  return null;
}

export class Tally {
  tried = 0;
  readonly statuses = new Map<number, number>();
  readonly routes = new Set<string>();
  serverErrors = 0;

  record(req: FuzzRequest, res: Answer): void {
    this.tried++;
    this.routes.add(req.label);
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) this.serverErrors++;
  }

  /** One line for the log and for /tmp/reliability-fuzz figures (FUZZ_REPORT names a file to append to). */
  summary(what: string, dataChanged: boolean): string {
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    const line = `[fuzz] ${what}: routes ${this.routes.size}, requests tried: ${this.tried}, 5xx: ${this.serverErrors}, data changed: ${dataChanged ? 'YES' : 'no'} (statuses ${statuses})`;
    console.log(line);
    if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${line}\n`);
    return line;
  }
}

/** How many generated requests per target: FUZZ_RUNS scales the whole run (default: the CI size). */
export function runsPer(targets: number, ciTotal: number): number {
  const total = Number(process.env.FUZZ_RUNS ?? ciTotal);
  return Math.max(3, Math.ceil((Number.isFinite(total) && total > 0 ? total : ciTotal) / targets));
}
