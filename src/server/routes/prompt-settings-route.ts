import type { FastifyInstance } from 'fastify';
import { PermissionDeniedError } from '../../errors/sereno-error.js';
import { protectedLabelsSchema } from '../../prompts/prompt-request-schemas.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/**
 * `/api/admin/prompts/protected-labels`: the labels of the caller's project that only its
 * admin keys and the master key may set, move or delete (`production` until the project
 * chooses). Any key of the project reads them; only those keys change them.
 */
export function registerPromptSettingsRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/api/admin/prompts/protected-labels', async (request) => ({
    labels: await services.prompts.protectedLabels(request.caller.projectId),
  }));

  app.put('/api/admin/prompts/protected-labels', async (request) => {
    if (request.caller.projectRole !== 'admin') {
      throw new PermissionDeniedError(
        'Only an admin key of the project or the master key may choose protected labels.',
        { code: 'permission_denied' },
      );
    }
    const { labels } = parseBody(protectedLabelsSchema, request.body);
    await services.prompts.setProtectedLabels(request.caller.projectId, labels);
    return { labels: await services.prompts.protectedLabels(request.caller.projectId) };
  });
}
