import type { Deployment } from './deployment.js';

/** A model group: the deployments behind one public model name. */
export interface ModelGroup {
  name: string;
  deployments: Deployment[];
}

/** Maps public model names to their deployments, as read from `model_list`. */
export class ModelRegistry {
  private readonly groups = new Map<string, ModelGroup>();
  private readonly byId = new Map<string, Deployment>();

  constructor(deployments: Deployment[]) {
    for (const deployment of deployments) {
      const group = this.groups.get(deployment.modelName);
      if (group) group.deployments.push(deployment);
      else
        this.groups.set(deployment.modelName, {
          name: deployment.modelName,
          deployments: [deployment],
        });
      this.byId.set(deployment.id, deployment);
    }
  }

  group(modelName: string): ModelGroup | undefined {
    return this.groups.get(modelName);
  }

  deployment(id: string): Deployment | undefined {
    return this.byId.get(id);
  }

  allGroups(): ModelGroup[] {
    return [...this.groups.values()];
  }

  allDeployments(): Deployment[] {
    return [...this.byId.values()];
  }
}
