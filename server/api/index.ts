/** The public REST API mounted at /api/v1, with its OpenAPI document at /api/v1/openapi.json. */
import type { AuthEnv } from '../auth/authenticate';
import { athleteRoutes } from './athletes-routes';
import { authRoutes } from './auth-routes';
import type { ApiDeps } from './deps';
import { newApi } from './openapi';
import { teamRoutes } from './team-routes';

export function apiApp(deps: ApiDeps) {
  const api = newApi<AuthEnv>().basePath('/api/v1');
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session token from POST /api/v1/auth/login',
  });
  api.route('/', authRoutes(deps));
  api.route('/', athleteRoutes(deps));
  api.route('/', teamRoutes(deps));
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
