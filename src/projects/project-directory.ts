import type { Clock } from '../time/clock.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { hashSecretKey, type KeyRole } from './api-keys.js';
import { findKeyBySecretHash, findProject } from './project-repository.js';

/** A caller's key, resolved: the project it acts on, the public key it names, its role. */
export interface ResolvedKey {
  projectId: string;
  publicKey: string;
  role: KeyRole;
}

interface Cached<T> {
  value: T | undefined;
  expiresAt: number;
}

/**
 * How long a key or project lookup is reused; a deleted key stops working within it. A
 * role changes only at startup, before any lookup, so a cached role is never stale.
 */
const cacheTtlMs = 30_000;
const maxCacheEntries = 10_000;

/**
 * Finds projects and keys for each request without a store round trip on the hot path:
 * lookups, found or not, are kept for a short time.
 */
export class ProjectDirectory {
  private readonly keys = new Map<string, Cached<ResolvedKey>>();
  private readonly projects = new Map<string, Cached<string>>();

  constructor(
    private readonly db: SerenoDatabase,
    private readonly clock: Clock,
  ) {}

  /** The project, public key and role of a secret key, or undefined when no key has it. */
  async resolveSecretKey(secretKey: string): Promise<ResolvedKey | undefined> {
    const hash = hashSecretKey(secretKey);
    return this.cached(this.keys, hash, async () => {
      const key = await findKeyBySecretHash(this.db, hash);
      return key && { projectId: key.project_id, publicKey: key.public_key, role: key.role };
    });
  }

  /** A project's id from its id or name, or undefined when there is none. */
  async resolveProject(idOrName: string): Promise<string | undefined> {
    return this.cached(
      this.projects,
      idOrName,
      async () => (await findProject(this.db, idOrName))?.id,
    );
  }

  /** Forgets every lookup, after keys or projects change. */
  clear(): void {
    this.keys.clear();
    this.projects.clear();
  }

  private async cached<T>(
    cache: Map<string, Cached<T>>,
    key: string,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const now = this.clock.now();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = await load();
    if (cache.size >= maxCacheEntries) cache.clear();
    cache.set(key, { value, expiresAt: now + cacheTtlMs });
    return value;
  }
}
