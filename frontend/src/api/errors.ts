// Errors the GraphQL client raises. Messages come from the server in Chinese
// and are shown to the user as they are.

/** A GraphQL error answered by the server (extensions.code). */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  constructor(message: string, code: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
}

/** The server could not be reached (no signal, timeout, gateway down). */
export class NetworkError extends Error {
  constructor(message = '网络不可用，请检查网络后重试') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Codes after which retrying the same request cannot succeed. */
const PERMANENT = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'REQUEST_TOO_LARGE',
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'COMPLEXITY_LIMIT_EXCEEDED',
]);

export function isPermanent(err: unknown): boolean {
  return err instanceof ApiError && PERMANENT.has(err.code);
}

/** Errors after which the following requests would fail as well. */
export function isFatal(err: unknown): boolean {
  return (
    err instanceof NetworkError ||
    (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'TOO_MANY_REQUESTS' || err.code === 'PASSWORD_CHANGE_REQUIRED'))
  );
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return '出错了，请稍后再试';
}
