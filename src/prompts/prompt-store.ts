import { createHash } from 'node:crypto';
import { BadRequestError } from '../errors/sereno-error.js';
import type { SerenoDatabase } from '../store/open-database.js';
import type { Clock } from '../time/clock.js';
import { PromptCache } from './prompt-cache.js';
import { deletePromptVersions } from './prompt-deletes.js';
import { listPrompts, type PromptListFilters, type PromptPage } from './prompt-list-query.js';
import type { PromptSelector, PromptVersion, ResolvedPrompt } from './prompt-model.js';
import { findPromptVersion } from './prompt-repository.js';
import { promptView } from './prompt-views.js';
import { addLabels, insertPromptVersion, type NewPromptVersion } from './prompt-writes.js';
import {
  readProtectedLabels,
  refuseProtectedLabels,
  writeProtectedLabels,
  type PromptActor,
} from './protected-labels.js';
import { PromptReferenceError, resolveReferences } from './resolve-references.js';

/** A resolved prompt as served: the object, its JSON encoded once, and the ETag of that. */
export interface ServedPrompt {
  prompt: ResolvedPrompt;
  body: Buffer;
  etag: string;
}

/** Resolved prompts kept in process; each is a few kilobytes. */
const defaultMaxCachedPrompts = 10_000;

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Managed prompts of every project: reads served from an in-process cache, writes that
 * drop it. The only way routes, the gateway and the CLI's server side reach prompts.
 */
export class PromptStore {
  private readonly cache: PromptCache<ServedPrompt | null>;

  constructor(
    private readonly db: SerenoDatabase,
    private readonly clock: Clock,
    options: { maxCachedPrompts?: number } = {},
  ) {
    this.cache = new PromptCache(options.maxCachedPrompts ?? defaultMaxCachedPrompts);
  }

  /** A version with its references written in, from the cache; undefined when there is none. */
  async read(
    projectId: string,
    name: string,
    selector: PromptSelector,
  ): Promise<ServedPrompt | undefined> {
    const served = await this.cache.read(projectId, name, selector, () =>
      this.snapshot(async (db) => {
        const found = await findPromptVersion(db, projectId, name, selector);
        return found ? serve(db, found) : null;
      }),
    );
    return served ?? undefined;
  }

  /** A version as stored, references left as written; never cached. */
  async readRaw(projectId: string, name: string, selector: PromptSelector) {
    return this.snapshot((db) => findPromptVersion(db, projectId, name, selector));
  }

  async list(
    projectId: string,
    filters: PromptListFilters,
    page: { page: number; limit: number },
  ): Promise<PromptPage> {
    return this.snapshot((db) => listPrompts(db, projectId, filters, page));
  }

  /** Stores the next version of a name. */
  async create(
    input: Omit<NewPromptVersion, 'createdBy'>,
    actor: PromptActor,
  ): Promise<PromptVersion> {
    const protectedLabels = await readProtectedLabels(this.db, input.projectId);
    refuseProtectedLabels(actor, input.labels, protectedLabels, 'set');
    return this.write(input.projectId, () =>
      insertPromptVersion(this.db, { ...input, createdBy: actor.createdBy }, this.clock.now()),
    );
  }

  /** Moves labels onto a version. */
  async addLabels(
    target: { projectId: string; name: string; version: number },
    labels: string[],
    actor: PromptActor,
  ): Promise<PromptVersion> {
    const protectedLabels = await readProtectedLabels(this.db, target.projectId);
    refuseProtectedLabels(actor, labels, protectedLabels, 'move');
    return this.write(target.projectId, () => addLabels(this.db, target, labels, this.clock.now()));
  }

  /** Deletes every version of a name, or the one a version number or label picks. */
  async delete(
    projectId: string,
    name: string,
    selector: PromptSelector | undefined,
    actor: PromptActor,
  ): Promise<void> {
    const protectedLabels = await readProtectedLabels(this.db, projectId);
    await this.write(projectId, () =>
      deletePromptVersions(this.db, {
        projectId,
        name,
        selector,
        guard: (labels) => refuseProtectedLabels(actor, labels, protectedLabels, 'delete'),
      }),
    );
  }

  async protectedLabels(projectId: string): Promise<string[]> {
    return readProtectedLabels(this.db, projectId);
  }

  async setProtectedLabels(projectId: string, labels: string[]): Promise<void> {
    await writeProtectedLabels(this.db, projectId, labels, this.clock.now());
  }

  /**
   * Runs reads in one transaction: a read of several statements sees the store before a
   * write or after it, never a label taken off one version and not yet on the next.
   */
  private snapshot<T>(read: (db: SerenoDatabase) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(read);
  }

  /**
   * Runs a write, then drops the project's cache. Reads during the write keep being served
   * the state before it; a load begun before the write is never stored after it.
   */
  private async write<T>(projectId: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.cache.invalidate(projectId);
    }
  }
}

/** Resolves a version's references and encodes the answer once for every reader. */
async function serve(db: SerenoDatabase, version: PromptVersion): Promise<ServedPrompt> {
  let resolved;
  try {
    resolved = await resolveReferences(version, (name, selector) =>
      findPromptVersion(db, version.projectId, name, selector),
    );
  } catch (error) {
    if (!(error instanceof PromptReferenceError)) throw error;
    throw new BadRequestError(`Prompt ${version.name} cannot be read: ${error.message}`, {
      code: 'invalid_request',
    });
  }
  const prompt: ResolvedPrompt = {
    ...version,
    prompt: resolved.prompt,
    resolutionGraph: resolved.graph,
  };
  const body = Buffer.from(JSON.stringify(promptView(prompt, resolved.graph)));
  return { prompt, body, etag: etagOf(body) };
}
