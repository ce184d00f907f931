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
];
