/** A failed API call: the server's problem+json `code` to branch on and `detail` to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly problem: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, problem: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.problem = problem;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let problem: Record<string, unknown> = {};
    try {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>;
    } catch {
      // Not JSON (a proxy's error page, say): the status alone has to do.
    }
    const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
    const detail =
      typeof problem.detail === 'string' && problem.detail !== ''
        ? problem.detail
        : typeof problem.title === 'string'
          ? problem.title
          : `The server answered ${response.status}.`;
    return new ApiError(response.status, code, detail, problem);
  }
}

/** The message to show a person for any error thrown by an API call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
