/**
 * /api/v1/organizations/{org_id}/attention-signals: the staff's list of signals (default: open
 * ones, snoozed ones whose day passed included) and acknowledge / snooze / reopen. Any coach or an
 * organization API key. Logic in server/signals/actions.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AttentionSignal, SIGNAL_SEVERITIES, SIGNAL_STATUSES, SnoozeRequest } from '../../shared/domain/signal';
import { requireCaller } from '../auth/authenticate';
import { HttpProblem } from '../http/errors';
import { requireJsonBody } from '../plans/json-body';
import { actOnSignal, listSignals } from '../signals/actions';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const SignalDoc = AttentionSignal.meta({ id: 'AttentionSignal' });
const SignalView = AttentionSignal.extend({ athlete_name: z.string(), athlete_coach_ids: z.array(z.string()) }).meta({ id: 'AttentionSignalView' });
const SignalParams = OrgParams.extend({ signal_id: z.string().max(100).openapi({ param: { name: 'signal_id', in: 'path' }, format: 'uuid' }) });
const ListQuery = z.strictObject({
  status: z.enum([...SIGNAL_STATUSES, 'all']).default('open'),
  severity: z.enum(SIGNAL_SEVERITIES).optional(),
  coach_id: z.union([z.uuid(), z.enum(['me', 'none'])]).optional().meta({ description: 'Signals of the athletes of this coach, `me`, or `none` (athletes without a coach)' }),
  athlete_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
});

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/attention-signals',
  tags: ['attention signals'],
  summary: 'Attention signals, urgent first then newest; status `open` (default) includes snoozed signals whose day passed',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, query: ListQuery },
  responses: { 200: json(z.object({ data: z.array(SignalView), next_cursor: z.string().nullable() }), 'A page of signals'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const ACTION_RESPONSES = {
  200: json(SignalDoc, 'The signal'),
  400: ERRORS[400],
  401: ERRORS[401],
  403: ERRORS[403],
  404: ERRORS[404],
  409: { ...ERRORS[409], description: 'The signal was resolved (code `signal_resolved`)' },
};
const actionPath = (action: string) => `/organizations/{org_id}/attention-signals/{signal_id}/${action}`;
const TAGS = ['attention signals'];
const acknowledge = createRoute({ method: 'post', path: actionPath('acknowledge'), tags: TAGS, summary: 'Acknowledge a signal for the whole staff', security: BEARER_OR_API_KEY, request: { params: SignalParams }, responses: ACTION_RESPONSES });
const reopen = createRoute({ method: 'post', path: actionPath('reopen'), tags: TAGS, summary: 'Reopen an acknowledged or snoozed signal', security: BEARER_OR_API_KEY, request: { params: SignalParams }, responses: ACTION_RESPONSES });
const snooze = createRoute({
  method: 'post',
  path: actionPath('snooze'),
  tags: TAGS,
  summary: 'Snooze a signal until a day after today (it is open again the day after `until`)',
  security: BEARER_OR_API_KEY,
  request: { params: SignalParams, body: jsonBody(SnoozeRequest.meta({ id: 'SnoozeRequest' })) },
  responses: ACTION_RESPONSES,
});

export function signalRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  app.use('/organizations/:org_id/attention-signals', requireCaller(db), requireCoach(db));
  app.use('/organizations/:org_id/attention-signals/*', requireCaller(db), requireCoach(db));
  app.on('POST', '/organizations/:org_id/attention-signals/:signal_id/snooze', requireJsonBody);

  app.openapi(list, async (c) => {
    const { coach_id, ...q } = c.req.valid('query');
    const member = c.get('member');
    if (coach_id === 'me' && member.apiKeyId) throw new HttpProblem(400, 'invalid_request', 'coach_id: an API key is not a coach; use a coach id or none', 'coach_id');
    return c.json(await listSignals(store, member.orgId, { ...q, coach_id: coach_id === 'me' ? member.coachId : coach_id }), 200);
  });

  app.openapi(acknowledge, async (c) => c.json(await actOnSignal(store, c.get('member'), c.req.valid('param').signal_id, { kind: 'acknowledge' }), 200));
  app.openapi(snooze, async (c) => c.json(await actOnSignal(store, c.get('member'), c.req.valid('param').signal_id, { kind: 'snooze', until: c.req.valid('json').until }), 200));
  app.openapi(reopen, async (c) => c.json(await actOnSignal(store, c.get('member'), c.req.valid('param').signal_id, { kind: 'reopen' }), 200));

  return app;
}
