import type { SerenoDatabase } from '../store/open-database.js';
import type { PromptType } from './prompt-model.js';

/** Filters of the prompt list; each keeps the versions that match it. */
export interface PromptListFilters {
  name?: string;
  label?: string;
  tag?: string;
  /** Epoch milliseconds, inclusive. */
  fromUpdatedAt?: number;
  /** Epoch milliseconds, exclusive. */
  toUpdatedAt?: number;
}

/** One name of the list: its matching versions, their labels, and the newest one's config. */
export interface PromptSummary {
  name: string;
  type: PromptType;
  versions: number[];
  labels: string[];
  tags: string[];
  lastUpdatedAt: number;
  lastConfig: Record<string, unknown>;
}

export interface PromptPage {
  items: PromptSummary[];
  /** Names matching the filters, on every page. */
  totalItems: number;
}

function matchingVersions(db: SerenoDatabase, projectId: string, filters: PromptListFilters) {
  let query = db.selectFrom('prompts').where('prompts.project_id', '=', projectId);
  if (filters.name !== undefined) query = query.where('prompts.name', '=', filters.name);
  if (filters.fromUpdatedAt !== undefined) {
    query = query.where('prompts.updated_at', '>=', filters.fromUpdatedAt);
  }
  if (filters.toUpdatedAt !== undefined) {
    query = query.where('prompts.updated_at', '<', filters.toUpdatedAt);
  }
  const { label, tag } = filters;
  if (label !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('prompt_labels')
          .select('prompt_labels.label')
          .whereRef('prompt_labels.project_id', '=', 'prompts.project_id')
          .whereRef('prompt_labels.name', '=', 'prompts.name')
          .whereRef('prompt_labels.version', '=', 'prompts.version')
          .where('prompt_labels.label', '=', label),
      ),
    );
  }
  if (tag !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('prompt_tags')
          .select('prompt_tags.tag')
          .whereRef('prompt_tags.project_id', '=', 'prompts.project_id')
          .whereRef('prompt_tags.name', '=', 'prompts.name')
          .where('prompt_tags.tag', '=', tag),
      ),
    );
  }
  return query;
}

/** A page of prompt names in name order, as Langfuse's `GET /api/public/v2/prompts` lists them. */
export async function listPrompts(
  db: SerenoDatabase,
  projectId: string,
  filters: PromptListFilters,
  page: { page: number; limit: number },
): Promise<PromptPage> {
  const versions = () => matchingVersions(db, projectId, filters);
  const names = await versions()
    .select('prompts.name')
    .groupBy('prompts.name')
    .orderBy('prompts.name')
    .limit(page.limit)
    .offset((page.page - 1) * page.limit)
    .execute();
  const total = await versions()
    .select(({ fn }) => fn.count<number>('prompts.name').distinct().as('count'))
    .executeTakeFirst();
  const items = await summarise(
    db,
    projectId,
    names.map((row) => row.name),
    versions,
  );
  return { items, totalItems: Number(total?.count ?? 0) };
}

async function summarise(
  db: SerenoDatabase,
  projectId: string,
  names: string[],
  versions: () => ReturnType<typeof matchingVersions>,
): Promise<PromptSummary[]> {
  if (names.length === 0) return [];
  const rows = await versions()
    .select(['prompts.name', 'prompts.version', 'prompts.type', 'prompts.config'])
    .select('prompts.updated_at')
    .where('prompts.name', 'in', names)
    .orderBy('prompts.version')
    .execute();
  const labels = await db
    .selectFrom('prompt_labels')
    .select(['name', 'label', 'version'])
    .where('project_id', '=', projectId)
    .where('name', 'in', names)
    .execute();
  const tags = await db
    .selectFrom('prompt_tags')
    .select(['name', 'tag'])
    .where('project_id', '=', projectId)
    .where('name', 'in', names)
    .execute();

  return names.map((name) => {
    const own = rows.filter((row) => row.name === name);
    const versionNumbers = own.map((row) => Number(row.version));
    const newest = own[own.length - 1];
    return {
      name,
      type: (newest?.type ?? 'text') as PromptType,
      versions: versionNumbers,
      labels: labels
        .filter((row) => row.name === name && versionNumbers.includes(Number(row.version)))
        .map((row) => row.label)
        .sort(),
      tags: tags
        .filter((row) => row.name === name)
        .map((row) => row.tag)
        .sort(),
      lastUpdatedAt: Math.max(...own.map((row) => Number(row.updated_at))),
      lastConfig: JSON.parse(newest?.config ?? '{}') as Record<string, unknown>,
    };
  });
}
