/** The public REST API mounted at /api/v1, with its OpenAPI document at /api/v1/openapi.json. */
import { acceptApiKeys, type AuthEnv } from '../auth/authenticate';
import { apiKeyRoutes } from './api-keys-routes';
import { assignmentRoutes } from './assignments-routes';
import { athleteRoutes } from './athletes-routes';
import { authRoutes } from './auth-routes';
import type { ApiDeps } from './deps';
import { groupRoutes } from './groups-routes';
import { invitationRoutes } from './invitations-routes';
import { memberRoutes } from './members-routes';
import { newApi } from './openapi';
import { planRoutes } from './plans-routes';
import { profileRoutes } from './profile-routes';
import { signalRoutes } from './signals-routes';
import { teamRoutes } from './team-routes';

export function apiApp(deps: ApiDeps) {
  const api = newApi<AuthEnv>().basePath('/api/v1');
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from POST /api/v1/auth/login',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An organization API key (POST /api/v1/organizations/{org_id}/api-keys): coach rights on that organization’s routes only',
  });
  // Before every route: an X-API-Key is authenticated here, on organization routes only (never sync, /me or logout).
  api.use('/organizations/*', acceptApiKeys(deps.db));
  api.route('/', authRoutes(deps));
  api.route('/', athleteRoutes(deps));
  api.route('/', memberRoutes(deps));
  api.route('/', teamRoutes(deps));
  api.route('/', planRoutes(deps));
  api.route('/', groupRoutes(deps));
  api.route('/', assignmentRoutes(deps));
  api.route('/', apiKeyRoutes(deps));
  api.route('/', profileRoutes(deps));
  api.route('/', signalRoutes(deps));
  api.route('/', invitationRoutes(deps));
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Astral Coach API',
      version: '1',
      description:
        'Every action of the Astral Coach app as an HTTP call. JSON in snake_case; errors are `{"error": {"code", "message", "field"?}}`; ' +
        'lists use cursor pagination (`limit`, `cursor`, `next_cursor`).',
    },
  });
  return api;
}
