/** Every default of Sereno's settings, in one place, with its unit in its name. */
export const defaults = {
  host: '127.0.0.1',
  port: 4000,
  bodyLimitBytes: 10 * 1024 * 1024,
  dataDir: './data',
  logLevel: 'info',
  router: {
    numRetries: 2,
    timeoutMs: 600_000,
    allowedFails: 3,
    cooldownSeconds: 5,
  },
  azureApiVersion: '2024-10-21',
  anthropicVersion: '2023-06-01',
  anthropicMaxTokens: 4096,
  tracingStoreBodies: true,
} as const;
