import type { RouterSettings } from '../config/sereno-config.js';
import { NotFoundError } from '../errors/sereno-error.js';
import type { Deployment } from '../models/deployment.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { Clock } from '../time/clock.js';
import type { AttemptContext, RoutedRequest, RoutedResult } from './attempt.js';

export interface RouterOptions {
  registry: ModelRegistry;
  settings: RouterSettings;
  clock: Clock;
  random?: () => number;
}

/** Picks the deployment that serves each attempt of a request, and runs the attempt. */
export class Router {
  private readonly random: () => number;

  constructor(private readonly options: RouterOptions) {
    this.random = options.random ?? Math.random;
  }

  async execute<T>(
    request: RoutedRequest,
    run: (attempt: AttemptContext) => Promise<T>,
  ): Promise<RoutedResult<T>> {
    const group = this.options.registry.group(request.modelName);
    if (!group) throw modelNotFound(request.modelName);

    const deployment = this.pick(group.deployments);
    const startTime = this.options.clock.now();
    const context: AttemptContext = {
      deployment,
      modelGroup: group.name,
      attempt: 1,
      signal: request.signal,
      timeoutMs: Math.max(
        1,
        Math.min(deployment.timeoutMs ?? Infinity, request.deadline - startTime),
      ),
      streamIdleTimeoutMs: deployment.streamTimeoutMs ?? this.options.settings.streamTimeoutMs,
    };
    try {
      const value = await run(context);
      request.onAttempt?.({
        deployment,
        modelGroup: group.name,
        attempt: 1,
        startTime,
        endTime: this.options.clock.now(),
      });
      return { value, deployment, modelGroup: group.name, attempts: 1, fallbacks: 0 };
    } catch (error) {
      request.onAttempt?.({
        deployment,
        modelGroup: group.name,
        attempt: 1,
        startTime,
        endTime: this.options.clock.now(),
        error: error as Error,
      });
      throw error;
    }
  }

  private pick(deployments: Deployment[]): Deployment {
    const weights = deployments.map((d) => d.weight ?? d.rpm ?? d.tpm ?? 1);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let point = this.random() * total;
    for (let index = 0; index < deployments.length; index++) {
      point -= weights[index] as number;
      if (point < 0) return deployments[index] as Deployment;
    }
    return deployments[deployments.length - 1] as Deployment;
  }
}

export function modelNotFound(modelName: string): NotFoundError {
  return new NotFoundError(
    `The model \`${modelName}\` does not exist. GET /v1/models lists the models this gateway serves.`,
    { code: 'model_not_found', param: 'model' },
  );
}
