// Typed HTTP client for the shared API contract: fills paths, sends JSON (or a file) with the
// CSRF token and UI language, validates responses with the endpoint's schema, and turns the one
// error shape into ApiError. Knows nothing about React.
import type { z } from "zod";
import type { Endpoint } from "../../shared/contract/index.ts";
import { errorBodySchema } from "../../shared/errors.ts";

type Input<S> = z.input<S & z.ZodType>;
export type Output<S> = [z.output<S & z.ZodType>] extends [never] ? undefined : z.output<S & z.ZodType>;

/** A field is required when the endpoint declares a schema for it, forbidden otherwise. */
type Part<K extends string, S> = [Input<S>] extends [never]
  ? { [P in K]?: never }
  : object extends Input<S>
    ? { [P in K]?: Input<S> }
    : { [P in K]: Input<S> };

export type CallInput<P, Q, B> = Part<"params", P> & Part<"query", Q> & Part<"body", B> & { signal?: AbortSignal };
type CallArgs<P, Q, B> = object extends CallInput<P, Q, B> ? [input?: CallInput<P, Q, B>] : [input: CallInput<P, Q, B>];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** Seconds to wait, from Retry-After on 429. */
  readonly retryAfter: number | null;

  constructor(init: { status: number; code: string; message: string; fields?: Record<string, string>; retryAfter?: number | null }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter ?? null;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// --- state the rest of the app feeds in (kept here so the client stays a plain module) ---

let language = "ja";
let knownCsrfToken: string | null = null;
let onUnauthenticated: ((endpointId: string) => void) | null = null;
let signingOut = false;

/** The server localises messages by accept-language when no session says otherwise. */
export function setApiLanguage(locale: string): void {
  language = locale;
}

/** Remember the token from `GET /api/me` / sign-in; the cookie wins when present. */
export function rememberCsrfToken(token: string | null): void {
  knownCsrfToken = token;
}

export function setUnauthenticatedHandler(handler: ((endpointId: string) => void) | null): void {
  onUnauthenticated = handler;
}

/**
 * While this tab signs out, the 401s of requests still in flight are expected: they must not send
 * the member to sign-in with "your session expired" ahead of "you have signed out".
 */
export function setSigningOut(value: boolean): void {
  signingOut = value;
}

function csrfToken(): string | null {
  // Read at call time: the server may rotate the token (sign-in, password change).
  for (const part of document.cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "tsunagu_csrf") return decodeURIComponent(rest.join("="));
  }
  return knownCsrfToken;
}

/** Path and query values are strings, numbers or booleans in this contract; anything else is a bug. */
function scalar(value: unknown, name: string): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`Parameter ${name} must be a string, number or boolean`);
}

export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = scalar(params?.[name], name);
    if (value === null) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = scalar(value, key);
    if (text !== null) search.set(key, text);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function send<R extends z.ZodType>(
  endpoint: Endpoint<z.ZodType, z.ZodType, z.ZodType, R>,
  url: string,
  body: BodyInit | undefined,
  contentType: string | undefined,
  signal: AbortSignal | undefined,
  onUploadProgress?: (fraction: number) => void,
): Promise<Output<R>> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": language };
  if (contentType) headers["content-type"] = contentType;
  if (endpoint.method !== "GET") {
    const token = csrfToken();
    if (token) headers["x-csrf-token"] = token;
  }

  let response: Response;
  try {
    response = onUploadProgress
      ? await xhrFetch(url, { method: endpoint.method, headers, body, signal }, onUploadProgress)
      : await fetch(url, { method: endpoint.method, headers, body, credentials: "same-origin", signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: "network_error", message: error instanceof Error ? error.message : "Network error" });
  }

  if (!response.ok) throw await toApiError(endpoint, response);

  if (!endpoint.response || response.status === 204) return undefined as Output<R>;
  const json: unknown = await response.json();
  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    console.error(`Response of ${endpoint.id} does not match the contract`, parsed.error.issues);
    throw new ApiError({ status: response.status, code: "bad_response", message: "Unexpected response from the server" });
  }
  return parsed.data as Output<R>;
}

async function toApiError(endpoint: Endpoint, response: Response): Promise<ApiError> {
  let code = response.status >= 500 ? "internal_error" : "http_error";
  let message = response.statusText;
  let fields: Record<string, string> | undefined;
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    if (parsed.success) ({ code, message, fields } = parsed.data.error);
  } catch {
    // Not JSON (a proxy's error page): keep the status-based code.
  }
  const retryHeader = response.headers.get("retry-after");
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  const error = new ApiError({ status: response.status, code, message, fields: fields ?? {}, retryAfter });
  if (response.status === 401 && endpoint.id !== "signIn" && !signingOut) onUnauthenticated?.(endpoint.id);
  return error;
}

export interface RawInput {
  params?: unknown;
  query?: unknown;
  body?: unknown;
  signal?: AbortSignal;
}

/** Call a JSON endpoint of the contract. */
export function callApi<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, B, R>,
  ...args: CallArgs<P, Q, B>
): Promise<Output<R>> {
  return callUnchecked(endpoint, args[0] ?? {});
}

/** callApi without the compile-time input check, for generic helpers that already typed their input. */
export function callUnchecked<R extends z.ZodType>(
  endpoint: Endpoint<z.ZodType, z.ZodType, z.ZodType, R>,
  input: RawInput,
): Promise<Output<R>> {
  const url =
    fillPath(endpoint.path, input.params as Record<string, unknown> | undefined) +
    queryString(input.query as Record<string, unknown> | undefined);
  const hasBody = endpoint.body !== undefined && endpoint.method !== "GET";
  return send(
    endpoint,
    url,
    hasBody ? JSON.stringify(input.body ?? {}) : undefined,
    hasBody ? "application/json" : undefined,
    input.signal,
  );
}

/** Upload one file to a multipart endpoint (field name `file`); `onProgress` gets the share sent so far (0–1). */
export function uploadFile<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, B, R>,
  params: Input<P>,
  file: File,
  onProgress?: (fraction: number) => void,
  /** Text fields the endpoint's body schema reads; sent before the file, where the server looks. */
  fields?: Input<B>,
): Promise<Output<R>> {
  if (!endpoint.multipart) throw new Error(`${endpoint.id} does not accept files`);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields ?? {})) form.append(name, String(value));
  form.append("file", file, file.name);
  // No content-type header: the browser sets the multipart boundary.
  return send(endpoint, fillPath(endpoint.path, params as Record<string, unknown>), form, undefined, undefined, onProgress);
}

/**
 * fetch() cannot report upload progress; XMLHttpRequest can. Answers with a Response, so the
 * rest of `send` (errors, schema check) is the same for both.
 */
function xhrFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body: BodyInit | undefined; signal: AbortSignal | undefined },
  onUploadProgress: (fraction: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(init.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onUploadProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onUploadProgress(1);
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      // 204 and 304 may not carry a body in a Response.
      const body = xhr.status === 204 || xhr.status === 304 ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new TypeError("Network error"));
    xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
    init.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(init.body as XMLHttpRequestBodyInit | null | undefined);
  });
}
