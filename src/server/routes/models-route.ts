import type { FastifyInstance } from 'fastify';
import type { ModelGroup } from '../../models/model-registry.js';
import { modelNotFound } from '../../router/router.js';
import type { AppServices } from '../app-services.js';

function modelObject(group: ModelGroup, created: number) {
  const providers = [...new Set(group.deployments.map((deployment) => deployment.provider))];
  return { id: group.name, object: 'model', created, owned_by: providers.join(',') };
}

/** `GET /v1/models` and `GET /v1/models/{model}`: the model groups clients may ask for. */
export function registerModelsRoute(app: FastifyInstance, services: AppServices): void {
  const created = Math.floor(services.clock.now() / 1000);

  app.get('/v1/models', async () => ({
    object: 'list',
    data: services.registry.allGroups().map((group) => modelObject(group, created)),
  }));

  app.get('/v1/models/*', async (request) => {
    // The router has already decoded the path once; a model name may hold a '%'.
    const name = (request.params as { '*': string })['*'];
    const group = services.registry.group(name);
    if (!group) throw modelNotFound(name);
    return modelObject(group, created);
  });
}
