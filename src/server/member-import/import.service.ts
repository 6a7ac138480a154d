// The CSV import of leavers: upload (decode, parse, guess the columns) → preview with the admin's
// mapping (every row checked against the file and the network; nothing invited) → start (a durable
// job invites the valid rows in chunks, with progress) → report. Invitations are unique per address
// and network, so re-running a file, or a job retried after a crash, invites nobody twice.
import { sql } from "kysely";
import type { ImportRow, MemberImport } from "../../shared/contract/membership.ts";
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import type { Locale, MemberRole } from "../../shared/limits.ts";
import { importLimits, rowProblems, type ColumnMapping, type RowProblem } from "../../shared/member-import.ts";
import type { ImportRowRecord, MemberImportRow } from "../platform/db/schema.ts";
import type { Deps } from "../platform/deps.ts";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { inTenant, type Tx } from "../platform/tenancy/scope.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { findNetwork } from "../networks/networks.repository.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor, invitationMail, membershipStatusByEmail, newInvitationSecret } from "../membership/invitations.service.ts";
import { guessMapping } from "./columns.ts";
import { CsvError, decodeCsv, readCsvFile } from "./csv.ts";
import { reportRows } from "./report-rows.ts";
import { toCsv } from "./report.ts";
import { validateRows } from "./rows.ts";

export const importJobKind = "members.import";
/** Rows invited per transaction: progress moves in these steps, and a crash loses at most one. */
const chunkRows = 500;
/** Rows written per statement during a preview. */
const previewChunkRows = 5000;
const sampleSize = 5;

type ImportWithCreator = MemberImportRow & { created_by_name: string | null };

const withCreator = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("member_imports as mi")
    .leftJoin("accounts as a", "a.id", "mi.created_by")
    .selectAll("mi")
    .select("a.display_name as created_by_name")
    .where("mi.network_id", "=", networkId);

async function registeredCount(tx: Tx, networkId: string, importId: string): Promise<number> {
  const row = await tx
    .selectFrom("invitations")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("network_id", "=", networkId)
    .where("import_id", "=", importId)
    .where("status", "=", "accepted")
    .executeTakeFirstOrThrow();
  return row.n;
}

function presentImport(row: ImportWithCreator, registeredRows: number): MemberImport {
  return {
    id: row.id,
    filename: row.filename,
    encoding: row.encoding,
    headers: row.headers,
    sampleRows: row.sample_rows,
    mapping: row.mapping,
    defaultRole: row.default_role,
    status: row.status,
    totalRows: row.total_rows,
    okRows: row.ok_rows,
    problemCounts: row.problem_counts,
    processedRows: row.processed_rows,
    invitedRows: row.invited_rows,
    registeredRows,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export async function getImport(actor: MemberActor, importId: string): Promise<MemberImport> {
  if (!canManageMembers(actor)) throw forbidden();
  const row = await withCreator(actor.tx, actor.networkId).where("mi.id", "=", importId).executeTakeFirst();
  if (!row) throw notFound();
  return presentImport(row, await registeredCount(actor.tx, actor.networkId, importId));
}

export async function listImports(actor: MemberActor, query: { cursor?: string | undefined; limit: number }) {
  if (!canManageMembers(actor)) throw forbidden();
  const after = decodeCursor(query.cursor);
  let q = withCreator(actor.tx, actor.networkId)
    .select(sql<string>`mi.created_at::text`.as("sort_key"))
    .select((eb) =>
      eb
        .selectFrom("invitations as i")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("i.network_id", "=", "mi.network_id")
        .whereRef("i.import_id", "=", "mi.id")
        .where("i.status", "=", "accepted")
        .as("registered_rows"),
    )
    .orderBy("mi.created_at", "desc")
    .orderBy("mi.id", "desc")
    .limit(query.limit + 1);
  if (after) q = q.where(sql<boolean>`(mi.created_at, mi.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map((r) => presentImport(r, r.registered_rows ?? 0)), nextCursor };
}

/** Reads the file and keeps its text until the import is done; nothing is checked against the network yet. */
export async function uploadImport(actor: MemberActor, file: UploadedFile | null): Promise<MemberImport> {
  if (!canManageMembers(actor)) throw forbidden();
  if (!file) throw validationFailed({ file: "file_required" });
  let parsed: ReturnType<typeof readCsvFile>;
  let text: string;
  try {
    parsed = readCsvFile(file.data, { maxRows: importLimits.rowsMax });
    text = decodeCsv(file.data).text;
  } catch (error) {
    if (error instanceof CsvError) throw validationFailed({ file: `csv_${error.code}` });
    throw error;
  }
  const mapping = guessMapping(parsed.headers, parsed.rows.slice(0, 20));
  const row = await actor.tx
    .insertInto("member_imports")
    .values({
      network_id: actor.networkId,
      created_by: actor.account.id,
      // By code points: a cut through a surrogate pair would store U+FFFD.
      filename: Array.from(file.filename || "import.csv")
        .slice(0, 200)
        .join(""),
      encoding: parsed.encoding,
      source: text,
      headers: JSON.stringify(parsed.headers),
      sample_rows: JSON.stringify(parsed.rows.slice(0, sampleSize)),
      mapping: JSON.stringify(mapping),
      total_rows: parsed.rows.length,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return getImport(actor, row.id);
}

async function lockImport(tx: Tx, networkId: string, importId: string): Promise<MemberImportRow> {
  const row = await tx
    .selectFrom("member_imports")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("id", "=", importId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function checkMapping(mapping: ColumnMapping, columns: number): void {
  if (mapping.name === undefined || mapping.email === undefined) throw validationFailed({ mapping: "mapping_required" });
  for (const index of Object.values(mapping))
    if (index !== undefined && index >= columns) throw validationFailed({ mapping: "mapping_column" });
}

/** The dry run: every row checked through the mapping, in the file and against the network. Nothing is invited. */
export async function previewImport(
  actor: MemberActor,
  importId: string,
  mapping: ColumnMapping,
  defaultRole: MemberRole,
): Promise<MemberImport> {
  if (!canManageMembers(actor)) throw forbidden();
  const row = await lockImport(actor.tx, actor.networkId, importId);
  if (row.status !== "uploaded" && row.status !== "previewed") throw conflict({ import: "import_state" });
  checkMapping(mapping, row.headers.length);
  const parsed = readCsvFile(Buffer.from(row.source ?? "", "utf8"), { maxRows: importLimits.rowsMax });
  const rows = validateRows(parsed.rows, mapping, { defaultRole, currentYear: new Date().getFullYear(), rowNumbers: parsed.rowNumbers });

  // Against the network: members (active, removed, left) and earlier invitations of the same addresses.
  const emails = [...new Set(rows.filter((r) => r.email && !r.problems.includes("invalid_email")).map((r) => r.email))];
  const statuses = await membershipStatusByEmail(actor.tx, actor.networkId, emails);
  const invited = await invitedEmails(actor.tx, actor.networkId, emails);
  for (const r of rows) {
    if (r.problems.length > 0) continue;
    const problem = membershipProblem(statuses.get(r.email));
    if (problem) r.problems.push(problem);
    else if (invited.has(r.email)) r.problems.push("already_invited");
  }

  const counts: Partial<Record<RowProblem, number>> = {};
  let ok = 0;
  for (const r of rows) {
    if (r.problems.length === 0) ok++;
    for (const p of r.problems) counts[p] = (counts[p] ?? 0) + 1;
  }
  await actor.tx.deleteFrom("member_import_rows").where("network_id", "=", actor.networkId).where("import_id", "=", importId).execute();
  for (let i = 0; i < rows.length; i += previewChunkRows) {
    const chunk = rows.slice(i, i + previewChunkRows).map((r) => ({
      row_number: r.rowNumber,
      name: r.name,
      email: r.email,
      role: r.role,
      join_year: r.joinYear,
      leave_year: r.leaveYear,
      department: r.department,
      problems: r.problems,
    }));
    // One statement per chunk: the rows travel as one JSON parameter.
    await sql`
      insert into member_import_rows (network_id, import_id, row_number, name, email, role, join_year, leave_year, department, problems)
      select ${actor.networkId}::uuid, ${importId}::uuid, r.row_number, r.name, r.email, r.role, r.join_year, r.leave_year, r.department, r.problems
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(row_number int, name text, email text, role text, join_year int,
        leave_year int, department text, problems text[])`.execute(actor.tx);
  }
  await actor.tx
    .updateTable("member_imports")
    .set({
      mapping: JSON.stringify(mapping),
      default_role: defaultRole,
      status: "previewed",
      total_rows: rows.length,
      ok_rows: ok,
      problem_counts: JSON.stringify(counts),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", importId)
    .execute();
  return getImport(actor, importId);
}

/** Why an address with a membership in the network is not invited, as the preview and the job name it. */
function membershipProblem(status: string | undefined): RowProblem | null {
  if (status === "active") return "already_member";
  if (status === "removed") return "previously_removed";
  if (status === "left") return "left_earlier";
  return null;
}

async function invitedEmails(tx: Tx, networkId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await tx
    .selectFrom("invitations")
    .select(sql<string>`lower(email)`.as("email"))
    .where("network_id", "=", networkId)
    .where(sql<boolean>`lower(email) = any(${emails}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.email));
}

export async function listImportRows(
  actor: MemberActor,
  importId: string,
  query: { filter: "all" | "ok" | "problems"; cursor?: string | undefined; limit: number },
) {
  if (!canManageMembers(actor)) throw forbidden();
  await getImport(actor, importId);
  let q = actor.tx
    .selectFrom("member_import_rows")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("import_id", "=", importId)
    .orderBy("row_number")
    .limit(query.limit + 1);
  if (query.filter === "ok") q = q.where(sql<boolean>`cardinality(problems) = 0`);
  if (query.filter === "problems") q = q.where(sql<boolean>`cardinality(problems) > 0`);
  if (query.cursor) q = q.where("row_number", ">", Number(query.cursor));
  const rows = await q.execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(presentImportRow);
  return { items, nextCursor: more ? String(items[items.length - 1]?.rowNumber ?? 0) : null };
}

const isProblem = (p: string): p is RowProblem => (rowProblems as readonly string[]).includes(p);

function presentImportRow(r: ImportRowRecord): ImportRow {
  return {
    rowNumber: r.row_number,
    name: r.name ?? "",
    email: r.email ?? "",
    role: r.role,
    joinYear: r.join_year,
    leaveYear: r.leave_year,
    department: r.department ?? "",
    problems: r.problems.filter(isProblem),
    outcome: r.outcome,
  };
}

export async function startImport(deps: Deps, actor: MemberActor, importId: string, note: string): Promise<MemberImport> {
  if (!canManageMembers(actor)) throw forbidden();
  const row = await lockImport(actor.tx, actor.networkId, importId);
  if (row.status !== "previewed") throw conflict({ import: "import_state" });
  await actor.tx
    .updateTable("member_imports")
    .set({ status: "importing", started_at: new Date(), note })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", importId)
    .execute();
  await deps.jobs.enqueue(actor.tx, importJobKind, { networkId: actor.networkId, importId }, { maxAttempts: 10 });
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "import.started",
    { id: importId, name: row.filename },
    { rows: row.ok_rows },
  );
  actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
  return getImport(actor, importId);
}

/** The job: invites the import's valid rows a chunk per transaction until none is left. */
export async function runImport(deps: Deps, payload: { networkId: string; importId: string }): Promise<void> {
  const { networkId, importId } = payload;
  for (;;) {
    const more = await inTenant(deps.database, networkId, null, (tx) => inviteChunk(deps, tx, networkId, importId));
    deps.mailer.flush();
    if (!more) return;
  }
}

async function inviteChunk(deps: Deps, tx: Tx, networkId: string, importId: string): Promise<boolean> {
  // Gone (its network was deleted): nothing left to do. Any other error fails the job, which is retried.
  const job = await lockImport(tx, networkId, importId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!job || job.status !== "importing") return false;
  const rows = await tx
    .selectFrom("member_import_rows")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("import_id", "=", importId)
    .where("outcome", "is", null)
    .orderBy("row_number")
    .limit(chunkRows)
    .execute();
  if (rows.length === 0) {
    await tx
      .updateTable("member_imports")
      .set({ status: "done", finished_at: new Date(), source: null })
      .where("network_id", "=", networkId)
      .where("id", "=", importId)
      .execute();
    const by = job.created_by
      ? await tx.selectFrom("accounts").select("display_name").where("id", "=", job.created_by).executeTakeFirst()
      : undefined;
    await recordAudit(
      tx,
      networkId,
      { accountId: job.created_by, name: by?.display_name ?? "" },
      "import.finished",
      { id: importId, name: job.filename },
      { invited: job.invited_rows, rows: job.total_rows },
    );
    return false;
  }

  // Checked again now: someone may have joined or been invited since the preview.
  const candidates = rows.filter((r) => r.problems.length === 0 && r.email);
  const emails = candidates.map((r) => r.email ?? "");
  const statuses = await membershipStatusByEmail(tx, networkId, emails);
  const fresh = candidates.filter((r) => !statuses.has(r.email ?? ""));
  const network = await findNetwork(tx, networkId);
  if (!network) return false;
  const inviter = job.created_by
    ? await tx.selectFrom("accounts").select("display_name").where("id", "=", job.created_by).executeTakeFirst()
    : undefined;
  const secrets = new Map(fresh.map((r) => [r.email ?? "", newInvitationSecret()]));
  const inserted =
    fresh.length === 0
      ? []
      : await tx
          .insertInto("invitations")
          .values(
            fresh.map((r) => {
              const secret = secrets.get(r.email ?? "")!;
              return {
                network_id: networkId,
                email: r.email ?? "",
                name: r.name ?? "",
                role: r.role ?? job.default_role,
                note: job.note,
                locale: "ja",
                token_hash: secret.tokenHash,
                invited_by: job.created_by,
                import_id: importId,
                hr_join_year: r.join_year,
                hr_leave_year: r.leave_year,
                hr_department: r.department || null,
                expires_at: secret.expiresAt,
              };
            }),
          )
          // Invited by someone else since the preview (or by this job before a crash): left alone.
          .onConflict((oc) => oc.expression(sql`network_id, lower(email)`).doNothing())
          .returning(["email", "name", "expires_at"])
          .execute();
  const invitedEmails = new Set(inserted.map((r) => r.email));
  await deps.mailer.sendMany(
    tx,
    inserted.map((inv) =>
      invitationMail(
        deps,
        network,
        inviter?.display_name ?? null,
        { email: inv.email, name: inv.name, note: job.note, locale: "ja", expiresAt: inv.expires_at },
        secrets.get(inv.email)!.secret,
      ),
    ),
  );

  const byOutcome = { invited: [] as number[], skipped: [] as number[], invitedBefore: [] as number[] };
  // Joined, removed or left since the preview: skipped with the reason the preview would have given.
  const members = new Map<RowProblem, number[]>();
  for (const r of rows) {
    if (r.problems.length > 0 || !r.email) byOutcome.skipped.push(r.row_number);
    else if (statuses.has(r.email)) {
      const problem = membershipProblem(statuses.get(r.email)) ?? "already_member";
      if (!members.has(problem)) members.set(problem, []);
      members.get(problem)!.push(r.row_number);
    } else if (invitedEmails.has(r.email)) byOutcome.invited.push(r.row_number);
    else byOutcome.invitedBefore.push(r.row_number);
  }
  const mark = async (numbers: number[], outcome: "invited" | "skipped", problem?: RowProblem) => {
    if (numbers.length === 0) return;
    await tx
      .updateTable("member_import_rows")
      .set({ outcome, ...(problem ? { problems: sql<string[]>`array_append(problems, ${problem})` } : {}) })
      .where("network_id", "=", networkId)
      .where("import_id", "=", importId)
      .where("row_number", "=", sql<number>`any(${numbers}::int[])`)
      .execute();
  };
  await mark(byOutcome.invited, "invited");
  await mark(byOutcome.skipped, "skipped");
  for (const [problem, numbers] of members) await mark(numbers, "skipped", problem);
  await mark(byOutcome.invitedBefore, "skipped", "already_invited");
  await tx
    .updateTable("member_imports")
    .set({
      processed_rows: sql<number>`processed_rows + ${rows.length}`,
      invited_rows: sql<number>`invited_rows + ${inserted.length}`,
    })
    .where("network_id", "=", networkId)
    .where("id", "=", importId)
    .execute();
  return true;
}

/** The per-row result as CSV, UTF-8 with a BOM so that Excel opens it as Japanese text. */
export async function importReport(actor: MemberActor, importId: string, locale: Locale): Promise<FileResponse> {
  const summary = await getImport(actor, importId);
  const rows = await actor.tx
    .selectFrom("member_import_rows")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("import_id", "=", importId)
    .orderBy("row_number")
    .execute();
  const base = summary.filename.replace(/\.[^.]*$/, "");
  return { filename: `${base}-${locale === "ja" ? "結果" : "result"}.csv`, body: toCsv(reportRows(rows, locale)) };
}
