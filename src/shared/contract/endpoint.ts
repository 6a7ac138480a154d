// An endpoint contract: method, path, schemas in and out. The server implements it,
// the web client calls it, and the OpenAPI document is generated from it.
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Who may call: nobody signed in, any account, a member of the network in the path, its admins, the operator. */
export type Access = "public" | "account" | "member" | "network_admin" | "operator";

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Response body schema; undefined means 204 No Content. */
  response?: R;
  /** Status on success (default 200, or 204 without a response schema). */
  status?: number;
  /** Accepts multipart/form-data (a file upload) instead of JSON. */
  multipart?: boolean;
  /** Largest accepted upload (default: limits.logoBytesMax). */
  uploadMaxBytes?: number;
  /**
   * Answers with a file of this type instead of JSON; the handler returns a `FileResponse`.
   * CSV is a download (attachment, not cached); images are shown inline.
   */
  produces?: "text/csv" | "text/calendar" | "image/webp";
}

/** What a handler of a `produces` endpoint returns. */
export interface FileResponse {
  filename: string;
  body: Uint8Array;
  /** Seconds a browser may keep it (private, immutable); none: not stored at all. */
  maxAgeSeconds?: number;
}

export function endpoint<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodNever,
  const A extends Access = Access,
>(e: Endpoint<P, Q, B, R, A>): Endpoint<P, Q, B, R, A> {
  return e;
}

export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.infer<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.infer<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.infer<R> : never;
