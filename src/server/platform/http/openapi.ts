// The OpenAPI 3.1 document, generated from the same endpoint contracts the routes implement.
import { z } from "zod";
import type { Endpoint } from "../../../shared/contract/endpoint.ts";
import { errorBodySchema } from "../../../shared/errors.ts";

const accessText: Record<Endpoint["access"], string> = {
  public: "No sign-in needed.",
  account: "Signed-in account.",
  member: "Active member of the network in the path (others get 404).",
  network_admin: "Admin of the network in the path (members get 403, others 404).",
  operator: "Platform operator (others get 404).",
};

const json = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

export function buildOpenApi(endpoints: Endpoint[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { description: "Error", content: { "application/json": { schema: json(errorBodySchema, "output") } } };
  for (const e of endpoints) {
    const path = e.path.replace(/:(\w+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [location, schema] of [
      ["path", e.params],
      ["query", e.query],
    ] as const) {
      if (!(schema instanceof z.ZodObject)) continue;
      const shape: Record<string, z.ZodType> = schema.shape;
      for (const [name, field] of Object.entries(shape)) {
        parameters.push({
          name,
          in: location,
          required: location === "path" || !field.safeParse(undefined).success,
          schema: json(field, "input"),
        });
      }
    }
    const status = String(e.status ?? (e.response || e.produces ? 200 : 204));
    const requestBody = e.multipart
      ? {
          required: true,
          // Text fields (the body schema) first, then the file.
          content: { "multipart/form-data": { schema: multipartSchema(e.body ? json(e.body, "input") : undefined) } },
        }
      : e.body
        ? { required: true, content: { "application/json": { schema: json(e.body, "input") } } }
        : undefined;
    (paths[path] ??= {})[e.method.toLowerCase()] = {
      operationId: e.id,
      summary: e.summary,
      description: accessText[e.access] + (e.method !== "GET" && e.access !== "public" ? " Send the x-csrf-token header." : ""),
      tags: [e.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      ...(e.access !== "public" ? { security: [{ session: [] }] } : {}),
      responses: {
        [status]: e.produces
          ? { description: "A file", content: { [e.produces]: { schema: { type: "string", format: "binary" } } } }
          : e.response
            ? { description: "OK", content: { "application/json": { schema: json(e.response, "output") } } }
            : { description: "No content" },
        "4XX": errorResponse,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tsunagu API",
      version,
      description: "The API of Tsunagu, the alumni network platform. Errors share one shape: {error:{code,message,fields}}.",
    },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "tsunagu_session" } } },
    paths,
  };
}

/** A small readable page over the document, without loading anything from elsewhere. */
export function docsPage(doc: ReturnType<typeof buildOpenApi>): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path,
      method,
      op: op as { summary: string; description: string; tags: string[]; operationId: string },
    })),
  );
  const rows = ops
    .map(
      ({
        path,
        method,
        op,
      }) => `<section id="${esc(op.operationId)}"><h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p><p class="d">${esc(op.description)}</p>
<details><summary>Schema</summary><pre>${esc(JSON.stringify(doc.paths[path]?.[method], null, 2))}</pre></details></section>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tsunagu API</title><style>
body{font-family:system-ui,'Noto Sans JP',sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1f2933;line-height:1.6}
section{border-top:1px solid #d9e2ec;padding:8px 0}.m{font:600 12px monospace;padding:2px 6px;border-radius:4px;color:#fff;background:#486581}
.m-get{background:#1c6e8c}.m-post{background:#2f7d32}.m-patch{background:#8a5a00}.m-delete{background:#b42318}
pre{background:#f0f4f8;padding:12px;overflow:auto;font-size:12px}.d{color:#52606d;font-size:14px}</style></head>
<body><main><h1>Tsunagu API</h1><p>${esc(doc.info.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<h2>Operations</h2>${rows}</main></body></html>`;
}

/** A multipart form: the endpoint's text fields, if any, and the file. */
function multipartSchema(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const properties = (fields?.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(fields?.required) ? (fields.required as string[]) : [];
  return {
    type: "object",
    properties: { ...properties, file: { type: "string", format: "binary" } },
    required: [...required, "file"],
  };
}
