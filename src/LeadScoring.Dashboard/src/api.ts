import type { ColumnMapping, ModelCards, NewOffer, Offer, OfferEvaluation, ResultFilters, RunStarted, RunStatus, ScoredLead, UploadPreview, UploadReport, UploadStatus } from './types';

/** A failed API call, with the problem+json fields turned into one readable message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
    /** A refused header's own columns (problem extension "columns"), for the mapping editor. */
    readonly columns: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Asks the user for a function key; resolves null when they decline. */
export type KeyPrompt = () => Promise<string | null>;

// sessionStorage, never localStorage or the URL: the key lives as long as the tab's session.
const keyStorageName = 'leadscoring.functionKey';

export const functionKey = {
  get: (): string | null => sessionStorage.getItem(keyStorageName),
  set: (key: string): void => sessionStorage.setItem(keyStorageName, key),
  clear: (): void => sessionStorage.removeItem(keyStorageName),
};

export interface Page<T> {
  items: T[];
  continuation: string | null;
}

export class Api {
  private pendingPrompt: Promise<string | null> | null = null;
  // After the user cancels the prompt or a key is refused, later 401s fail without asking again
  // (the run poller would otherwise reopen the dialog every second); "Enter function key" resets it.
  private declined = false;

  constructor(
    private readonly askForKey: KeyPrompt,
    private readonly onKeyChange: () => void,
  ) {}

  allowKeyPrompt(): void {
    this.declined = false;
  }

  listOffers(signal?: AbortSignal): Promise<Offer[]> {
    return this.json<Offer[]>('GET', '/offers', undefined, signal);
  }

  createOffer(offer: NewOffer): Promise<{ id: string }> {
    return this.json<{ id: string }>('POST', '/offer', offer);
  }

  uploadLeads(file: File, mapping: ColumnMapping = {}): Promise<UploadReport> {
    return this.json<UploadReport>('POST', '/leads/upload', uploadForm(file, mapping, false));
  }

  /** A dry run: the first rows as they would be stored with this mapping; nothing is stored. */
  previewLeads(file: File, mapping: ColumnMapping = {}): Promise<UploadPreview> {
    return this.json<UploadPreview>('POST', '/leads/upload', uploadForm(file, mapping, true));
  }

  getUpload(uploadId: string, signal?: AbortSignal): Promise<UploadStatus> {
    return this.json<UploadStatus>('GET', `/uploads/${encodeURIComponent(uploadId)}`, undefined, signal);
  }

  startScoring(offerId: string, rescore: boolean): Promise<RunStarted> {
    return this.json<RunStarted>('POST', '/score', { offer_id: offerId, rescore });
  }

  getEvaluation(offerId: string, signal?: AbortSignal): Promise<OfferEvaluation> {
    return this.json<OfferEvaluation>('GET', `/offer/${encodeURIComponent(offerId)}/evaluation`, undefined, signal);
  }

  getModel(offerId: string, signal?: AbortSignal): Promise<ModelCards> {
    return this.json<ModelCards>('GET', `/offer/${encodeURIComponent(offerId)}/model`, undefined, signal);
  }

  getRun(runId: string, signal?: AbortSignal): Promise<RunStatus> {
    return this.json<RunStatus>('GET', `/score/runs/${encodeURIComponent(runId)}`, undefined, signal);
  }

  async getResults(filters: ResultFilters, limit: number, continuation: string | null, signal?: AbortSignal): Promise<Page<ScoredLead>> {
    const query = resultQuery(filters);
    query.set('limit', String(limit));
    if (continuation) query.set('continuation', continuation);
    const response = await this.send('GET', `/results?${query}`, undefined, signal);
    return {
      items: (await response.json()) as ScoredLead[],
      continuation: response.headers.get('X-Continuation-Token'),
    };
  }

  /** Downloads the export through fetch (not a link) so the function key travels as a header. */
  async exportResults(filters: ResultFilters): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.send('GET', `/results/export?${resultQuery(filters)}`, undefined);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), fileName: match?.[1] ? decodeURIComponent(match[1]) : 'lead_scores.csv' };
  }

  private async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.send(method, path, body, signal);
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    let response = await this.fetchOnce(method, path, body, signal);
    if (response.status === 401 && !this.declined) {
      const key = await this.promptOnce();
      if (key) {
        response = await this.fetchOnce(method, path, body, signal);
        if (response.status === 401) {
          functionKey.clear();
          this.onKeyChange();
          this.declined = true;
          throw new ApiError(401, 'The function key was not accepted. Use "Enter function key" to try another one.');
        }
      } else {
        this.declined = true;
      }
    }
    if (response.status === 401) {
      throw new ApiError(401, 'This API needs a function key. Use "Enter function key" at the top of the page.');
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  private fetchOnce(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json, application/problem+json;q=0.9, */*;q=0.1' });
    const key = functionKey.get();
    if (key) headers.set('x-functions-key', key);
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers.set('Content-Type', 'application/json');
      payload = JSON.stringify(body);
    }
    return fetch(path, { method, headers, body: payload ?? null, signal: signal ?? null }).catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'Cannot reach the Lead Scoring API. Check the connection and try again.');
    });
  }

  // Concurrent calls that all get 401 share one prompt.
  private promptOnce(): Promise<string | null> {
    this.pendingPrompt ??= this.askForKey()
      .then((key) => {
        const trimmed = key?.trim() ?? '';
        if (trimmed) functionKey.set(trimmed);
        this.onKeyChange();
        return trimmed || null;
      })
      .finally(() => {
        this.pendingPrompt = null;
      });
    return this.pendingPrompt;
  }
}

// The service reads the form in order and streams the file, so the other fields come first.
function uploadForm(file: File, mapping: ColumnMapping, dryRun: boolean): FormData {
  const form = new FormData();
  if (Object.keys(mapping).length > 0) form.append('mapping', JSON.stringify(mapping));
  if (dryRun) form.append('dry_run', 'true');
  form.append('file', file, file.name);
  return form;
}

function resultQuery(filters: ResultFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.offerId) query.set('offer_id', filters.offerId);
  if (filters.intent) query.set('intent', filters.intent);
  if (filters.minScore !== null) query.set('min_score', String(filters.minScore));
  if (filters.sort && filters.sort !== 'score') query.set('sort', filters.sort);
  return query;
}

interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[] | string> | { line?: number; error?: string; message?: string }[];
  columns?: unknown;
}

/** Turns an error response into a message a person can read, whatever its body is. */
export async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `${response.status} ${response.statusText || statusText(response.status)}`.trim();
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) {
    return new ApiError(response.status, `The API answered ${fallback}.`);
  }
  let problem: ProblemDetails;
  try {
    problem = (await response.json()) as ProblemDetails;
  } catch {
    return new ApiError(response.status, `The API answered ${fallback}.`);
  }
  const title = problem.title?.trim();
  const detail = problem.detail?.trim();
  const message = title && detail ? `${title}: ${detail}` : (detail ?? title ?? `The API answered ${fallback}.`);
  const columns = Array.isArray(problem.columns) ? problem.columns.filter((c): c is string => typeof c === 'string') : [];
  return new ApiError(response.status, message, problemErrors(problem.errors), columns);
}

function problemErrors(errors: ProblemDetails['errors']): string[] {
  if (!errors) return [];
  if (Array.isArray(errors)) {
    return errors.map((e) => [e.line !== undefined ? `line ${e.line}` : '', e.error ?? e.message ?? ''].filter(Boolean).join(': '));
  }
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((m) => (field ? `${field}: ${m}` : m)),
  );
}

function statusText(status: number): string {
  const known: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  return known[status] ?? '';
}
