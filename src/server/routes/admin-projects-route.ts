import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../errors/sereno-error.js';
import { generateKeyPair, keyRoles } from '../../projects/api-keys.js';
import {
  addKeyPair,
  deleteKey,
  ensureProject,
  findProject,
  listKeys,
  listProjects,
  type Project,
} from '../../projects/project-repository.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

const createProjectSchema = z.object({ name: z.string().trim().min(1).max(200) });
const createKeySchema = z
  .object({ note: z.string().max(500).optional(), role: z.enum(keyRoles).default('member') })
  .loose();

function requireAdmin(request: FastifyRequest): void {
  if (!request.caller.isAdmin) {
    throw new PermissionDeniedError('Only the master key may manage projects and keys.', {
      code: 'permission_denied',
    });
  }
}

function projectView(project: Project) {
  return {
    id: project.id,
    name: project.name,
    createdAt: new Date(Number(project.created_at)).toISOString(),
  };
}

/**
 * `/api/admin/projects`: projects and their key pairs, under the master key. A new secret
 * key is shown once, in the answer that creates it. The pair made with a project is an
 * admin of it; further pairs are members unless the body asks for `"role": "admin"`.
 */
export function registerAdminProjectsRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, clock } = services;

  const projectOr404 = async (idOrName: string) => {
    const project = await findProject(db, idOrName);
    if (!project) throw new NotFoundError(`No project named ${idOrName}.`, { code: 'not_found' });
    return project;
  };

  app.get('/api/admin/projects', async (request) => {
    requireAdmin(request);
    return { data: (await listProjects(db)).map(projectView) };
  });

  app.post('/api/admin/projects', async (request, reply) => {
    requireAdmin(request);
    const { name } = parseBody(createProjectSchema, request.body);
    if (await findProject(db, name)) {
      throw new ConflictError(`A project named ${name} exists already.`, {
        code: 'invalid_request',
      });
    }
    const projectId = await ensureProject(db, { name }, clock.now());
    const keys = generateKeyPair();
    await addKeyPair(db, projectId, keys, clock.now(), {
      role: 'admin',
      note: 'created with the project',
    });
    services.projects.clear();
    const project = projectView(await projectOr404(projectId));
    return reply.status(201).send({ ...project, ...keys, role: 'admin' });
  });

  app.get('/api/admin/projects/:project/keys', async (request) => {
    requireAdmin(request);
    const project = await projectOr404((request.params as { project: string }).project);
    const keys = await listKeys(db, project.id);
    return {
      data: keys.map((key) => ({
        publicKey: key.public_key,
        secretKeyHint: key.secret_key_hint,
        note: key.note,
        role: key.role,
        createdAt: new Date(Number(key.created_at)).toISOString(),
      })),
    };
  });

  app.post('/api/admin/projects/:project/keys', async (request, reply) => {
    requireAdmin(request);
    const project = await projectOr404((request.params as { project: string }).project);
    const { note, role } = parseBody(createKeySchema, request.body ?? {});
    const keys = generateKeyPair();
    await addKeyPair(db, project.id, keys, clock.now(), { role, note });
    return reply.status(201).send({ projectId: project.id, ...keys, role });
  });

  app.delete('/api/admin/keys/:publicKey', async (request, reply) => {
    requireAdmin(request);
    const { publicKey } = request.params as { publicKey: string };
    if (!(await deleteKey(db, publicKey))) {
      throw new NotFoundError(`No key ${publicKey}.`, { code: 'not_found' });
    }
    services.projects.clear();
    return reply.status(204).send();
  });

  /** Langfuse's `GET /api/public/projects`: the project of the key in use. */
  app.get('/api/public/projects', async (request) => {
    const project = await projectOr404(request.caller.projectId);
    return { data: [{ id: project.id, name: project.name, metadata: {} }] };
  });
}
