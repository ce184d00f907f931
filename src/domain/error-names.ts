/** Names of errors that no retry can fix. Pure, so workflows can use it in retry policies. */
export const NON_RETRYABLE_ERROR_TYPES = [
  'InvalidRequestError',
  'ConfigError',
  'AmbiguousStartError',
  'TenantBusyTimeoutError',
  'ProviderAuthError',
  'ProviderNotFoundError',
  'ProviderRejectedError',
  'ProviderContractError',
  'ResultInvariantError',
  'ConnectionNotServedError',
  // The job's tenant key was erased: its inputs can never be read again (docs/decisions.md).
  'DataKeyNotFoundError',
];

/**
 * Names of activity failures that stop the whole job at once instead of failing one batch: an ambiguous start (an
 * operator must check the provider), and an erased tenant key (nothing of the job may be acted on or written again).
 */
export const JOB_STOPPING_ERROR_TYPES = ['AmbiguousStartError', 'DataKeyNotFoundError'];
