import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError, NotFoundError } from '../../errors/sereno-error.js';
import {
  describeSelector,
  productionLabel,
  type PromptSelector,
} from '../../prompts/prompt-model.js';
import {
  addLabelsSchema,
  createPromptSchema,
  listPromptsQuerySchema,
  promptSelectorQuerySchema,
} from '../../prompts/prompt-request-schemas.js';
import { promptSummaryView, promptView } from '../../prompts/prompt-views.js';
import type { PromptStore } from '../../prompts/prompt-store.js';
import type { PromptActor } from '../../prompts/protected-labels.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';
import { parsePromptPath } from './prompt-path.js';

function actorOf(request: FastifyRequest): PromptActor {
  return {
    isProjectAdmin: request.caller.projectRole === 'admin',
    createdBy: request.caller.publicKey ?? 'admin',
  };
}

/** `label` or `version` from a query; neither is `fallback`, both is a 400. */
function selectorOf(query: { label?: string; version?: number }): PromptSelector | undefined {
  if (query.label !== undefined && query.version !== undefined) {
    throw new BadRequestError('Send either label or version, not both.', {
      code: 'invalid_request',
      param: 'version',
    });
  }
  if (query.version !== undefined) return { version: query.version };
  return query.label === undefined ? undefined : { label: query.label };
}

function notFound(name: string, selector: PromptSelector): NotFoundError {
  return new NotFoundError(`Prompt not found: '${name}' with ${describeSelector(selector)}.`, {
    code: 'not_found',
  });
}

/** Whether `If-None-Match` names the current ETag (weak or strong, or `*`). */
function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',');
  return tags.some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * `GET /api/public/v2/prompts/{name}`: by label or version, `production` when neither;
 * from the cache with an ETag, or as stored with `resolve=false`.
 */
function promptReader(prompts: PromptStore) {
  return async function readPrompt(request: FastifyRequest, reply: FastifyReply) {
    const { name } = parsePromptPath(request.url, false);
    const query = parseBody(promptSelectorQuerySchema, { ...(request.query as object) });
    const selector = selectorOf(query) ?? { label: productionLabel };
    const projectId = request.caller.projectId;

    if (query.resolve === 'false') {
      const raw = await prompts.readRaw(projectId, name, selector);
      if (!raw) throw notFound(name, selector);
      return promptView(raw, null);
    }
    const served = await prompts.read(projectId, name, selector);
    if (!served) throw notFound(name, selector);
    reply.header('etag', served.etag).header('cache-control', 'no-cache');
    if (matchesEtag(request.headers['if-none-match'], served.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(served.body);
  };
}

/**
 * Langfuse's prompt API, `/api/public/v2/prompts`: create versions, read one by label or
 * version (from the in-process cache, with an ETag), list, add labels, delete.
 */
export function registerPublicPromptsRoutes(app: FastifyInstance, services: AppServices): void {
  const { prompts } = services;

  app.get('/api/public/v2/prompts/*', promptReader(prompts));

  app.post('/api/public/v2/prompts', async (request, reply) => {
    const input = parseBody(createPromptSchema, request.body);
    const created = await prompts.create(
      { ...input, projectId: request.caller.projectId },
      actorOf(request),
    );
    return reply.code(201).send(promptView(created, null));
  });

  app.get('/api/public/v2/prompts', async (request) => {
    const query = parseBody(listPromptsQuerySchema, { ...(request.query as object) });
    const { page, limit, ...filters } = query;
    const result = await prompts.list(request.caller.projectId, filters, { page, limit });
    return {
      data: result.items.map(promptSummaryView),
      meta: {
        page,
        limit,
        totalItems: result.totalItems,
        totalPages: Math.ceil(result.totalItems / limit),
      },
    };
  });

  app.patch('/api/public/v2/prompts/*', async (request) => {
    const { name, version } = parsePromptPath(request.url, true);
    const { newLabels } = parseBody(addLabelsSchema, request.body);
    const target = { projectId: request.caller.projectId, name, version: version as number };
    return promptView(await prompts.addLabels(target, newLabels, actorOf(request)), null);
  });

  app.delete('/api/public/v2/prompts/*', async (request, reply) => {
    const { name } = parsePromptPath(request.url, false);
    const selector = selectorOf(
      parseBody(promptSelectorQuerySchema, { ...(request.query as object) }),
    );
    await prompts.delete(request.caller.projectId, name, selector, actorOf(request));
    return reply.code(204).send();
  });
}
