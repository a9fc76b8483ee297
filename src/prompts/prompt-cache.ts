import type { PromptSelector } from './prompt-model.js';

/**
 * Resolved prompts by project, name and label or version, kept in process. A prompt may
 * write in prompts of other names, so any write to a project drops all of that project's
 * entries, and a load that began before a write is never kept after it.
 */
export class PromptCache<Entry> {
  private readonly projects = new Map<string, Map<string, Entry>>();
  private readonly loads = new Map<string, Map<string, Promise<Entry>>>();
  private readonly generations = new Map<string, number>();
  private size = 0;

  constructor(private readonly maxEntries: number) {}

  /**
   * The entry for a prompt, loaded once however many readers ask at the same time. A
   * reader arriving after a write never joins a load that began before it.
   */
  async read(
    projectId: string,
    name: string,
    selector: PromptSelector,
    load: () => Promise<Entry>,
  ): Promise<Entry> {
    const key = keyOf(name, selector);
    const hit = this.projects.get(projectId)?.get(key);
    if (hit !== undefined) return hit;
    const pending = this.loads.get(projectId)?.get(key);
    if (pending) return pending;

    const generation = this.generations.get(projectId) ?? 0;
    const loading = load().then((entry) => {
      if ((this.generations.get(projectId) ?? 0) === generation) {
        this.store(projectId, key, entry);
      }
      return entry;
    });
    const loads = mapOf(this.loads, projectId);
    loads.set(key, loading);
    const forget = () => {
      if (this.loads.get(projectId)?.get(key) === loading) loads.delete(key);
    };
    loading.then(forget, forget);
    return loading;
  }

  /** Drops every entry and load of a project; call after each write to it. */
  invalidate(projectId: string): void {
    this.generations.set(projectId, (this.generations.get(projectId) ?? 0) + 1);
    this.size -= this.projects.get(projectId)?.size ?? 0;
    this.projects.delete(projectId);
    this.loads.delete(projectId);
  }

  private store(projectId: string, key: string, entry: Entry): void {
    if (this.size >= this.maxEntries) {
      // Full: start again rather than track use; reads refill what is in use.
      this.projects.clear();
      this.size = 0;
    }
    const entries = mapOf(this.projects, projectId);
    if (!entries.has(key)) this.size++;
    entries.set(key, entry);
  }
}

function keyOf(name: string, selector: PromptSelector): string {
  return 'version' in selector
    ? `${name}\u0000v${selector.version}`
    : `${name}\u0000l${selector.label}`;
}

function mapOf<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map()));
  return inner;
}
